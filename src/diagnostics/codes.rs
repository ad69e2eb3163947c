//! Every diagnostic code a user can see, in one table. A code is a stable name an editor can
//! look up in the editor guide (`docs/redaktorsguide.md`), which explains each of them.

use std::fmt;

/// A diagnostic's stable code. Only this table makes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Code(&'static str);

impl Code {
    pub fn as_str(self) -> &'static str {
        self.0
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

macro_rules! codes {
    ($($name:ident = $code:literal,)*) => {
        $(pub const $name: Code = Code($code);)*
        /// All codes: an accepted warning must name one, and the editor guide explains each.
        pub const ALL: &[Code] = &[$($name),*];
    };
}

codes! {
    // Reading the sources.
    LAS_FEL = "las-fel",
    OGILTIG_UTF8 = "ogiltig-utf8",
    SYMLANK_SLINGA = "symlank-slinga",
    SAKNAR_FRONT_MATTER = "saknar-front-matter",
    OAVSLUTAD_FRONT_MATTER = "oavslutad-front-matter",
    YAML = "yaml",
    OKAND_NYCKEL = "okand-nyckel",
    OKANT_VARDE = "okant-varde",
    SAKNAR_NYCKEL = "saknar-nyckel",
    SAKNAR_TITEL = "saknar-titel",
    TOM_HANDBOK = "tom-handbok",
    OGILTIG_SLUG = "ogiltig-slug",
    REGION_UTAN_REGION_YAML = "region-utan-region-yaml",
    // Laying out the regions.
    SAKNAR_STARTSIDA = "saknar-startsida",
    SAKNAR_AVSNITTSSIDA = "saknar-avsnittssida",
    RESERVERAD_SOKVAG = "reserverad-sokvag",
    DUBBEL_ADRESS = "dubbel-adress",
    ROLL_UTANFOR_ROLLER = "roll-utanfor-roller",
    SAMMA_UTFIL = "samma-utfil",
    // Page bodies, links and data.
    TRASIG_LANK = "trasig-lank",
    SAKNAT_ANKARE = "saknat-ankare",
    SAKNAD_FIL = "saknad-fil",
    OKAND_DATA = "okand-data",
    // Contracts and the checklist.
    FALT_UTANFOR_AVTAL = "falt-utanfor-avtal",
    OGILTIGT_FALT_ID = "ogiltigt-falt-id",
    RESERVERAT_FALT_ID = "reserverat-falt-id",
    FALT_UTAN_ETIKETT = "falt-utan-etikett",
    DUBBELT_FALT = "dubbelt-falt",
    FALT_EJ_PLACERAT = "falt-ej-placerat",
    FALT_PLACERAT_FLERA_GANGER = "falt-placerat-flera-ganger",
    FALT_I_RUBRIK = "falt-i-rubrik",
    UNDERSKRIFTER_EJ_PLACERADE = "underskrifter-ej-placerade",
    OGILTIGT_PUNKT_ID = "ogiltigt-punkt-id",
    DUBBEL_PUNKT = "dubbel-punkt",
    OKAND_PUNKT = "okand-punkt",
    OKAND_ROLL = "okand-roll",
    OKANT_AVSNITT = "okant-avsnitt",
    UPPGIFT_UTAN_ROLL = "uppgift-utan-roll",
    UPPGIFT_UTAN_TEMA = "uppgift-utan-tema",
    OKANT_TEMA = "okant-tema",
    OKAND_MARKNING = "okand-markning",
    GRUND_UTAN_FORFATTNING = "grund-utan-forfattning",
    FORFATTNING_UTAN_GRUND = "forfattning-utan-grund",
    // The theme.
    MALLFEL = "mallfel",
    // Content rules (`check`).
    OKAND_FORFATTNING = "okand-forfattning",
    FORFATTNING_UPPHAVD = "forfattning-upphavd",
    FORFATTNING_OVERGANG = "forfattning-overgang",
    BILD_UTAN_ALT = "bild-utan-alt",
    TOMT_AVSNITT = "tomt-avsnitt",
    ONABAR_SIDA = "onabar-sida",
    GRANSKNING_UTAN_DATUM = "granskning-utan-datum",
    OGILTIGT_DATUM = "ogiltigt-datum",
    GRANSKNING_FORSENAD = "granskning-forsenad",
    EJ_IFYLLD = "ej-ifylld",
    // Accepted warnings.
    OKAND_KOD = "okand-kod",
    GODTAGANDE_UTAN_SKAL = "godtagande-utan-skal",
    GODTAGANDE_OANVANT = "godtagande-oanvant",
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_editor_guide_explains_every_code() {
        let guide = include_str!("../../docs/redaktorsguide.md");
        let missing: Vec<&str> =
            ALL.iter().map(|c| c.as_str()).filter(|code| !guide.contains(&format!("`{code}`"))).collect();
        assert!(missing.is_empty(), "docs/redaktorsguide.md does not explain {missing:?}");
        let mut seen: Vec<&str> = ALL.iter().map(|c| c.as_str()).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), ALL.len(), "every code is listed once");
    }
}
