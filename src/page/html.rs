//! HTML pieces the page pass writes itself: a contract's blanks as labelled inputs, the
//! signature block, and text escaped for HTML (and XML, which the Word writer shares).

use crate::model::{FieldKind, FormField, signature_fields, signature_place};
use std::fmt::Write;

/// The signature block: for every signer a line to sign on, then name and date. On the print
/// page (`print`: the page's number there) its heading is a level down with a prefixed id, and
/// the blanks are lines.
pub fn signatures_html(signers: &[String], print: Option<usize>) -> String {
    let (level, id) = match print {
        Some(number) => (3, super::print_id(number, Some("underskrifter"))),
        None => (2, "underskrifter".to_owned()),
    };
    let blank = |field: &FormField, shown| match print {
        Some(_) => blank_html(field, true, shown),
        None => field_html(field, true, shown),
    };
    let mut out = format!(
        "<section class=\"underskrifter\" aria-labelledby=\"{id}\">\n<h{level} id=\"{id}\">Underskrifter</h{level}>\n"
    );
    let _ = writeln!(
        out,
        "<p class=\"underskrift-ort\">{}</p>\n<ul class=\"underskriftslista\">",
        blank(&signature_place(), None)
    );
    for signer in signers {
        let _ = writeln!(
            out,
            "<li class=\"underskrift\"><span class=\"underskrift-linje\" aria-hidden=\"true\"></span><span class=\"underskrift-roll\">Underskrift, {}</span>",
            escape(signer)
        );
        for (shown, field) in signature_fields(signer) {
            let _ = writeln!(out, "{}", blank(&field, Some(shown)));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n</section>\n");
    out
}

/// A contract blank as a line to write on, for the print page: labelled like the input
/// (`field_html`), a box for a checkbox.
pub fn blank_html(field: &FormField, standalone: bool, shown: Option<&str>) -> String {
    let label = label_html(field, shown);
    let (line, read) = match field.kind {
        FieldKind::Checkbox => ("ruta", "ruta att kryssa i"),
        _ => ("linje", "tomt att fylla i"),
    };
    let mut out =
        String::from(if standalone { "<span class=\"blankett falt-ensam\">" } else { "<span class=\"blankett\">" });
    if standalone || field.kind == FieldKind::Checkbox {
        let _ = write!(out, "<span class=\"blankett-etikett\">{label}</span>");
    } else {
        let _ = write!(out, "<span class=\"dold\">{label}</span>");
    }
    let _ = write!(out, "<span class=\"{line}\" role=\"img\" aria-label=\"{read}\"></span>");
    if let Some(hint) = field.hint.as_ref().filter(|_| standalone) {
        let _ = write!(out, "<span class=\"falt-tips\">{}</span>", escape(hint));
    }
    out.push_str("</span>");
    out
}

/// A blank's label: the part `shown` when the layout tells the rest, which a screen reader
/// still hears.
fn label_html(field: &FormField, shown: Option<&str>) -> String {
    match shown.and_then(|s| Some((s, field.label.strip_prefix(s)?))) {
        Some((shown, rest)) => format!("{}<span class=\"dold\">{}</span>", escape(shown), escape(rest)),
        None => escape(&field.label),
    }
}

/// An input for a contract blank, labelled (visibly when it stands alone), the hint as its
/// description. `shown` is the part of the label shown when the rest is evident from the
/// layout (a signer's name field shows "Namnförtydligande"; a screen reader also hears whose).
pub fn field_html(field: &FormField, standalone: bool, shown: Option<&str>) -> String {
    let id = escape(&field.id);
    let label = label_html(field, shown);
    let label_class = if standalone || field.kind == FieldKind::Checkbox { "" } else { " class=\"dold\"" };
    let required = if field.required { " required" } else { "" };
    let mut out = format!("<span class=\"falt falt-{:?}\">", field.kind).to_lowercase();
    if standalone {
        out = out.replacen("falt ", "falt falt-ensam ", 1);
    }
    let described = field.hint.as_ref().map_or(String::new(), |_| format!(" aria-describedby=\"falt-{id}-tips\""));
    match field.kind {
        FieldKind::Checkbox => {
            let _ = write!(
                out,
                "<input type=\"checkbox\" id=\"falt-{id}\" name=\"{id}\"{required}{described}> <label for=\"falt-{id}\">{label}</label>"
            );
        }
        FieldKind::Multiline => {
            let _ = write!(
                out,
                "<label for=\"falt-{id}\"{label_class}>{label}</label> <textarea id=\"falt-{id}\" name=\"{id}\" rows=\"3\"{required}{described}></textarea>"
            );
        }
        kind => {
            let (input_type, extra) = match kind {
                // A text box rather than a date picker: it works the same in every browser and
                // prints without a picker's placeholder.
                FieldKind::Date => ("text", " inputmode=\"numeric\" title=\"ÅÅÅÅ-MM-DD\" autocomplete=\"off\""),
                FieldKind::Number => ("text", " inputmode=\"numeric\""),
                _ => ("text", ""),
            };
            let _ = write!(
                out,
                "<label for=\"falt-{id}\"{label_class}>{label}</label> <input type=\"{input_type}\"{extra} id=\"falt-{id}\" name=\"{id}\"{required}{described}>"
            );
        }
    }
    if let Some(hint) = &field.hint {
        let class = if standalone { "falt-tips" } else { "falt-tips dold" };
        let _ = write!(out, " <span class=\"{class}\" id=\"falt-{id}-tips\">{}</span>", escape(hint));
    }
    out.push_str("</span>");
    out
}

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
