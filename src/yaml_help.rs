//! The YAML parser's messages in words an editor can act on. The parser says what it met
//! ("mapping values are not allowed in this context"); the editor needs to know what is wrong
//! on their line and how to write it. Each kind of mistake is recognised from the parser's
//! message and the text at the place it names, and given the line where the mistake is.

/// A mistake explained: where it is (1-based, in the YAML text), what is wrong, what to do.
pub struct Explained {
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub help: String,
}

/// The explanation of the parser's `message` about `yaml` at `line`:`column`, if it is a
/// mistake this knows. The YAML starts at line `first_line` of its file, which the help
/// counts lines in.
pub fn explain(message: &str, yaml: &str, (line, column): (usize, usize), first_line: usize) -> Option<Explained> {
    let shown = |line: usize| line + first_line - 1;
    let lines: Vec<&str> = yaml.lines().collect();
    let at = |line: usize| lines.get(line.wrapping_sub(1)).copied().unwrap_or("");
    let explained = |line, column, message: String, help: String| Some(Explained { line, column, message, help });
    // A tab: the parser stops at the line before; the tab is where the editor must look.
    if message.contains("found a tab") || message.contains("tabs") {
        let (line, text) = lines.iter().enumerate().skip(line.saturating_sub(1)).find(|(_, l)| l.contains('\t'))?;
        let column = text[..text.find('\t')?].chars().count() + 1;
        return explained(
            line + 1,
            column,
            "raden innehåller en tabb".into(),
            "YAML tillåter bara mellanslag: byt tabben mot mellanslag".into(),
        );
    }
    if let Some(key) = message.strip_prefix("duplicate mapping key: ").and_then(|m| m.split([',', ' ']).next()) {
        let first = lines.iter().position(|l| key_of(l) == Some(key)).map_or(line, |i| i + 1);
        return explained(
            line,
            column,
            format!("nyckeln `{key}` står två gånger"),
            format!("ta bort den ena; den första står på rad {}", shown(first)),
        );
    }
    // A quote opened and never closed: the parser notices only where the text ends.
    if message.contains("quoted scalar") {
        let (open, text) = lines.iter().enumerate().find(|(_, l)| unclosed_quote(l).is_some())?;
        let quote = unclosed_quote(text)?;
        let column = text[..quote].chars().count() + 1;
        return explained(
            open + 1,
            column,
            "citattecknet avslutas aldrig".into(),
            format!("avsluta texten med samma citattecken på rad {}, eller ta bort det", shown(open + 1)),
        );
    }
    let text = at(line);
    if let Some(open) = text.find('[').filter(|_| !text.contains(']')) {
        return explained(
            line,
            text[..open].chars().count() + 1,
            "hakparentesen avslutas aldrig".into(),
            "avsluta listan med ], eller sätt citattecken runt texten om hakparentesen hör till den".into(),
        );
    }
    if message.contains("mapping values are not allowed") {
        // `title: Avtal: ny`: the value holds a colon and a space.
        let value = text.split_once(": ").map_or("", |(_, v)| v).trim();
        if let Some(key) =
            key_of(text).filter(|_| value.contains(':') && text.starts_with(|c: char| !c.is_whitespace()))
        {
            return explained(
                line,
                column,
                format!("texten efter `{key}:` innehåller ett kolon"),
                format!("sätt citattecken runt texten: {key}: \"{value}\""),
            );
        }
    }
    if message.contains("expected sequence") {
        let key = key_of(text).unwrap_or("nyckeln");
        let value = text.split_once(':').map_or("", |(_, v)| v.trim());
        return explained(
            line,
            column,
            format!("`{key}` ska vara en lista, inte en text"),
            format!(
                "skriv `{key}:` ensamt på raden och varje del på en egen rad under, indragen och med ”- ” först: `  - {value}`"
            ),
        );
    }
    if message.contains("expected string") || message.contains("expected a string") {
        // A list where text belongs: the key on a line above, the list's `- ` here.
        if text.trim_start().starts_with("- ") {
            let key = lines[..line.saturating_sub(1)].iter().rev().find_map(|l| key_of(l)).unwrap_or("nyckeln");
            return explained(
                line,
                column,
                format!("`{key}` ska vara en text, inte en lista"),
                format!("skriv texten på samma rad som nyckeln: {key}: …"),
            );
        }
    }
    // Otherwise a key where the parser expects none, or a line it cannot place: indentation.
    if message.contains("indentation") || message.contains("mapping values are not allowed") {
        return explained(line, 1, "raden har fel indrag".into(), indentation_help(&lines, line));
    }
    None
}

/// A required `key` the parser missed in the mapping that starts at `line`:`column`, because
/// it stands below with another indentation (lines counted as in `explain`).
pub fn misplaced(key: &str, yaml: &str, (line, column): (usize, usize), first_line: usize) -> Option<Explained> {
    let lines: Vec<&str> = yaml.lines().collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    let (found, text) = lines.iter().enumerate().skip(line).take(20).find(|(_, l)| key_of(l) == Some(key))?;
    let wrong = indent(text) + 1;
    (wrong != column).then(|| Explained {
        line: found + 1,
        column: wrong,
        message: format!("nyckeln `{key}` har fel indrag"),
        help: format!(
            "ställ `{key}:` rakt under `{}:` på rad {}: {} mellanslag före, inte {}",
            key_of(lines.get(line - 1).copied().unwrap_or("")).unwrap_or("nyckeln"),
            line + first_line - 1,
            column - 1,
            wrong - 1
        ),
    })
}

/// The key a line of YAML sets, if it sets one (`  - id: a` sets `id`).
fn key_of(line: &str) -> Option<&str> {
    let trimmed = line.trim_start().trim_start_matches("- ").trim_start();
    let (key, _) = trimmed.split_once(':')?;
    (!key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-')).then_some(key)
}

/// Where a quote opens on a line and is not closed on it (a value that starts with `"` or
/// `'`), as a byte offset.
fn unclosed_quote(line: &str) -> Option<usize> {
    let (_, value) = line.split_once(": ").or_else(|| line.trim_start().strip_prefix("- ").map(|v| ("", v)))?;
    let value = value.trim_end();
    let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let closed = value.len() > 1 && value.ends_with(quote);
    (!closed).then(|| line.len() - value.len() - (line.len() - line.trim_end().len()))
}

/// How to indent `line`: as the key above it at the same level.
fn indentation_help(lines: &[&str], line: usize) -> String {
    let indent = |l: &str| l.len() - l.trim_start().len();
    let here = lines.get(line.wrapping_sub(1)).map_or(0, |l| indent(l));
    let above = lines[..line.saturating_sub(1)].iter().rev().find(|l| !l.trim().is_empty()).map_or(0, |l| indent(l));
    format!(
        "raden har {here} mellanslag före texten och raden ovanför {above}; nycklar på samma nivå ska stå rakt under varandra"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_read_from_plain_and_list_lines() {
        assert_eq!(key_of("title: Avtal"), Some("title"));
        assert_eq!(key_of("  - id: a"), Some("id"));
        assert_eq!(key_of("  - Handledare"), None);
        assert_eq!(key_of("Text: med kolon och mer"), Some("Text"));
    }

    #[test]
    fn an_unclosed_quote_is_found_where_it_opens() {
        assert_eq!(unclosed_quote("title: \"Avtal"), Some(7));
        assert_eq!(unclosed_quote("title: \"Avtal\""), None);
        assert_eq!(unclosed_quote("  - 'Handledare"), Some(4));
    }
}
