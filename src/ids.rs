//! Identifiers the handbook derives from names and paths, each rule written once: slugs
//! (heading ids, field names of signers), a role's id from its page's path and back, and an id's
//! allowed characters.

/// ASCII ids that survive being typed into links: "Läkarens ansvar" → `lakarens-ansvar`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'å' | 'ä' | 'à' | 'á' | 'â' => 'a',
            'ö' | 'ø' | 'ó' | 'ô' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

/// The folder role pages live in.
const ROLES: &str = "roller/";

/// The role a page describes: its file name in `roller/` (`roller/handledare.md` → `handledare`).
pub fn role_id(path: &str) -> Option<&str> {
    path.strip_prefix(ROLES)?.strip_suffix(".md").filter(|id| *id != "_index" && !id.contains('/'))
}

/// The content path of a role's page: `handledare` → `roller/handledare.md`.
pub fn role_path(id: &str) -> String {
    format!("{ROLES}{id}.md")
}

/// Whether a page lies in the roles' section (the role pages and the section's own page).
pub fn in_roles(path: &str) -> bool {
    path.starts_with(ROLES)
}

/// Ids become anchors, PDF field names and Word tags: only a–z, 0–9 and `-`.
pub fn is_plain_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_words_joined_by_dashes() {
        assert_eq!(slugify("Läkarens ansvar"), "lakarens-ansvar");
        assert_eq!(slugify("  ST-läkarens  åtagande! "), "st-lakarens-atagande");
        assert_eq!(slugify("Ort"), "ort");
    }

    #[test]
    fn role_ids_and_paths_are_one_rule() {
        assert_eq!(role_id("roller/handledare.md"), Some("handledare"));
        assert_eq!(role_id("roller/_index.md"), None);
        assert_eq!(role_id("roller/a/b.md"), None);
        assert_eq!(role_id("avtal/x.md"), None);
        assert_eq!(role_id(&role_path("studierektor")), Some("studierektor"));
    }
}
