//! The content model: what a page's front matter, `region.yaml` and `sthandbok.yaml` may hold.
//! Every struct denies unknown keys so a misspelt key is an error with a suggestion, never
//! silently ignored.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `sthandbok.yaml` at the handbook root.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    #[serde(default = "default_language")]
    pub language: String,
    /// Where the site is served from, e.g. `/handbok/`. Pages link relatively, so this is only
    /// needed where a page cannot know its own depth (the 404 page).
    #[serde(default = "default_base_url")]
    pub base_url: String,
    #[serde(default)]
    pub description: String,
    /// Name of the theme folder under `themes/` whose files override the built-in theme.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// The organisation that publishes the handbook.
    pub publisher: String,
    /// The repository the sources live in, shown on "Om webbplatsen".
    #[serde(default)]
    pub repository: Option<String>,
    /// Address of the web editor for a source file, with `{path}` where the file's path goes,
    /// e.g. `https://github.com/region/st-handbok/edit/main/{path}`.
    #[serde(default)]
    pub edit_url: Option<String>,
    /// Text of the "Om webbplatsen" page (Markdown).
    #[serde(default)]
    pub about: String,
    pub accessibility: AccessibilityStatement,
    /// The region facts compared side by side on the regions page, in order.
    #[serde(default)]
    pub compare: Vec<Comparison>,
    /// Whether each region's whole handbook is also made as one PDF to print
    /// (`hela-handboken.pdf`). On unless turned off.
    #[serde(default = "yes")]
    pub whole_handbook: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Comparison {
    /// The fact's key in each region's `facts`.
    pub fact: String,
    pub label: String,
}

fn default_language() -> String {
    "sv".into()
}
fn default_base_url() -> String {
    "/".into()
}
fn default_theme() -> String {
    "default".into()
}

/// What a tillgänglighetsredogörelse must state (DIGG's model).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AccessibilityStatement {
    /// `helt`, `delvis` or `inte` förenlig med lagkraven.
    pub compliance: Compliance,
    #[serde(default)]
    pub known_gaps: Vec<String>,
    /// When the site was last assessed (YYYY-MM-DD).
    pub assessed: String,
    pub method: String,
    /// Where to report a problem (an e-mail address or a web address).
    pub feedback: String,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Compliance {
    Helt,
    Delvis,
    Inte,
}

/// `regions/<slug>/region.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RegionConfig {
    pub name: String,
    #[serde(default)]
    pub short_name: Option<String>,
    /// The region's two-digit county code (länskod).
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub description: String,
    /// Education units, offices and the like, as plain names.
    #[serde(default)]
    pub units: Vec<String>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// The numbers and rules the region's documents give, each written once and used by pages
    /// through `{{ fakta.KEY }}`.
    #[serde(default)]
    pub facts: BTreeMap<String, Fact>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub role: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
}

/// A fact: what the region's document says, in words a reader understands, and which document
/// says it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub label: String,
    pub value: String,
    pub source: String,
}

/// A page's front matter.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    #[serde(default)]
    pub kind: PageKind,
    #[serde(default)]
    pub description: Option<String>,
    /// Position among its siblings in the navigation (lower first, then by title).
    #[serde(default)]
    pub weight: i64,
    /// The document(s) this page is built from, shown under the title.
    #[serde(default)]
    pub source: Option<String>,
    /// A role's responsibilities (kind `roll`).
    #[serde(default)]
    pub responsibilities: Vec<Responsibility>,
    /// The checklist's points (kind `checklista`).
    #[serde(default)]
    pub points: Vec<ChecklistPoint>,
    /// A contract's blanks (kind `avtal`), placed in the body with `{{ fält.ID }}`.
    #[serde(default)]
    pub fields: Vec<FormField>,
    /// Who signs a contract, in order.
    #[serde(default)]
    pub signatures: Vec<String>,
    /// The checklist points (ids) this document settles.
    #[serde(default)]
    pub settles: Vec<String>,
    /// Sections of this document whose list items are duties, with the role and theme their
    /// items have unless an item says otherwise (`{roll=… tema=…}` at its end).
    #[serde(default)]
    pub duties: Vec<Duty>,
    /// Whether the page is listed in the menu (a page left out must be linked from another).
    #[serde(default = "listed")]
    pub menu: bool,
    /// When the page was last reviewed (YYYY-MM-DD).
    #[serde(default)]
    pub reviewed: Option<String>,
    /// How many months may pass before the page must be reviewed again.
    #[serde(default)]
    pub review_months: Option<u32>,
    /// How the page stands in the reader's search: `normal`, `low` (found, but after other
    /// pages: a guide for editors) or `off` (left out).
    #[serde(default)]
    pub search: SearchWeight,
    /// Warnings on this page its editors have accepted, each with why.
    #[serde(default)]
    pub accept: Vec<Acceptance>,
}

/// A warning an editor has accepted: its code, and why it calls for no change.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Acceptance {
    pub code: String,
    pub reason: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SearchWeight {
    #[default]
    Normal,
    Low,
    Off,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Duty {
    /// The id of the heading whose list holds the duties.
    pub section: String,
    /// The role the items have by default: its page is `roller/ID.md`.
    #[serde(default)]
    pub role: Option<String>,
    /// The theme the items have by default.
    #[serde(default)]
    pub theme: Option<Theme>,
}

fn listed() -> bool {
    true
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    #[default]
    Sida,
    Roll,
    Checklista,
    Avtal,
}

impl PageKind {
    /// The name editors write in `kind:`, also the class and search filter of the kind.
    pub fn name(self) -> &'static str {
        match self {
            PageKind::Sida => "sida",
            PageKind::Roll => "roll",
            PageKind::Checklista => "checklista",
            PageKind::Avtal => "avtal",
        }
    }

    /// Whether pages of this kind are also forms to download (PDF and Word).
    pub fn is_form(self) -> bool {
        matches!(self, PageKind::Avtal | PageKind::Checklista)
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Responsibility {
    pub text: String,
    pub basis: Basis,
    /// For a föreskrift or an allmänt råd: the regulation that says so, as written in
    /// `regelverk.yaml`. Shown with the label, so a label taken from a repealed regulation says
    /// so where it stands.
    #[serde(default)]
    pub regulation: Option<String>,
    pub source: String,
    pub theme: Theme,
}

/// What a responsibility rests on, and so how binding it is. Shown as a text label, never by
/// styling alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum Basis {
    /// A binding rule in Socialstyrelsen's regulations ("ska").
    #[serde(rename = "föreskrift")]
    Foreskrift,
    /// A recommendation in Socialstyrelsen's regulations ("bör").
    #[serde(rename = "allmänt råd")]
    AllmantRad,
    /// What a region's own agreement says.
    #[serde(rename = "regional överenskommelse")]
    RegionalOverenskommelse,
    /// A task as the source describes it, regulated by no föreskrift or allmänt råd: an
    /// authority's work under law and ordinance, an association's own work, an employer's.
    #[serde(rename = "uppgift")]
    Uppgift,
    /// How one region has organised its training (Örebro's övergripande studierektor).
    #[serde(rename = "regional organisation")]
    RegionalOrganisation,
}

impl Basis {
    pub fn label(self) -> &'static str {
        match self {
            Basis::Foreskrift => "Föreskrift",
            Basis::AllmantRad => "Allmänt råd",
            Basis::RegionalOverenskommelse => "Regional överenskommelse",
            Basis::Uppgift => "Beskrivning av uppgiften",
            Basis::RegionalOrganisation => "Regionens organisation",
        }
    }

    /// The label a reader sees: the basis, and for a regulation's the regulation, marked when
    /// it no longer applies ("Föreskrift enligt SOSFS 2008:17, upphävd").
    pub fn shown(self, regulation: Option<&str>, registry: &[Regulation]) -> String {
        let Some(reference) = regulation else { return self.label().to_owned() };
        let status = registry.iter().find(|r| r.reference == reference).map(|r| r.status);
        let note = match status {
            Some(RegulationStatus::Repealed) => ", upphävd",
            Some(RegulationStatus::Transitional) => ", gäller under övergångstiden",
            _ => "",
        };
        format!("{} enligt {reference}{note}", self.label())
    }

    /// Whether the basis is a regulation's, and so names it.
    pub fn is_regulation(self) -> bool {
        matches!(self, Basis::Foreskrift | Basis::AllmantRad)
    }

    /// The class the theme styles the label with.
    pub fn id(self) -> &'static str {
        match self {
            Basis::Foreskrift => "foreskrift",
            Basis::AllmantRad => "allmant-rad",
            Basis::RegionalOverenskommelse => "regional",
            Basis::Uppgift => "uppgift",
            Basis::RegionalOrganisation => "organisation",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Theme {
    Handledning,
    Utbildningsprogram,
    Bedomning,
    Kurser,
    Sidotjanstgoring,
    Vetenskap,
    Intyg,
    Organisation,
}

impl Theme {
    pub const ALL: [Theme; 8] = [
        Theme::Handledning,
        Theme::Utbildningsprogram,
        Theme::Bedomning,
        Theme::Kurser,
        Theme::Sidotjanstgoring,
        Theme::Vetenskap,
        Theme::Intyg,
        Theme::Organisation,
    ];

    /// The name editors write (`theme:` in front matter, `tema=` on a duty).
    pub fn id(self) -> &'static str {
        match self {
            Theme::Handledning => "handledning",
            Theme::Utbildningsprogram => "utbildningsprogram",
            Theme::Bedomning => "bedomning",
            Theme::Kurser => "kurser",
            Theme::Sidotjanstgoring => "sidotjanstgoring",
            Theme::Vetenskap => "vetenskap",
            Theme::Intyg => "intyg",
            Theme::Organisation => "organisation",
        }
    }

    pub fn from_id(id: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.id() == id)
    }

    pub fn label(self) -> &'static str {
        match self {
            Theme::Handledning => "Handledning",
            Theme::Utbildningsprogram => "Utbildningsprogram",
            Theme::Bedomning => "Bedömning och uppföljning",
            Theme::Kurser => "Kurser och utbildning",
            Theme::Sidotjanstgoring => "Sidotjänstgöring",
            Theme::Vetenskap => "Vetenskapligt arbete och kvalitetsarbete",
            Theme::Intyg => "Intyg och ansökan",
            Theme::Organisation => "Organisation och kvalitet",
        }
    }

    /// The id of the theme's section on a role page and of its row in the role matrix.
    pub fn anchor(self) -> String {
        format!("ansvar-{}", crate::ids::slugify(self.label()))
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistPoint {
    /// Stable id, used in links (`#ID`) and by contracts that settle the point.
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FormField {
    pub id: String,
    pub label: String,
    #[serde(rename = "type", default)]
    pub kind: FieldKind,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub hint: Option<String>,
}

/// The heading over a contract's signature block, in every format.
pub const SIGNATURES_HEADING: &str = "Underskrifter";

/// The field for the place where the signers sign, one for the whole signature block.
pub fn signature_place() -> FormField {
    FormField { id: "underskrift-ort".into(), label: "Ort".into(), kind: FieldKind::Text, required: false, hint: None }
}

/// A signer's name in print and the date: the short label shown beside each field, and the
/// field, whose label names the signer (for screen readers and tooltips).
pub fn signature_fields(signer: &str) -> [(&'static str, FormField); 2] {
    let id = format!("underskrift-{}", crate::ids::slugify(signer));
    [("namn", "Namnförtydligande", FieldKind::Text), ("datum", "Datum", FieldKind::Date)].map(
        |(suffix, label, kind)| {
            let field = FormField {
                id: format!("{id}-{suffix}"),
                label: format!("{label}, {signer}"),
                kind,
                required: false,
                hint: None,
            };
            (label, field)
        },
    )
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldKind {
    #[default]
    Text,
    Date,
    Number,
    Checkbox,
    Multiline,
}

/// `regelverk.yaml`: the regulations a handbook may cite, and their status.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Regulation {
    /// As written in text, e.g. `HSLF-FS 2021:8`.
    pub reference: String,
    pub status: RegulationStatus,
    #[serde(default)]
    pub title: Option<String>,
    /// For a regulation in transition: who it still applies to.
    #[serde(default)]
    pub applies_to: Option<String>,
    #[serde(default)]
    pub replaced_by: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum RegulationStatus {
    #[serde(rename = "gäller")]
    InForce,
    #[serde(rename = "övergång")]
    Transitional,
    #[serde(rename = "upphävd")]
    Repealed,
}
