//! The command line in Swedish: clap writes its help and its argument errors in English, so
//! help is rendered with Swedish headings and every argument error is written anew from what
//! clap found (the kind of error, the argument, the value, its suggestion).

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// The words clap puts into help and usage, and what they are in Swedish.
const HELP_WORDS: &[(&str, &str)] = &[
    ("Usage:", "Användning:"),
    ("[OPTIONS]", "[FLAGGOR]"),
    ("Options:", "Flaggor:"),
    ("Commands:", "Kommandon:"),
    ("Arguments:", "Argument:"),
    ("[default: ", "[standard: "),
    ("[possible values: ", "[möjliga värden: "),
    ("Print help", "Visa hjälpen"),
    ("Print version", "Visa versionen"),
];

/// Help or usage text as clap renders it, in Swedish.
pub fn swedish(text: &str) -> String {
    HELP_WORDS.iter().fold(text.to_owned(), |text, (english, swedish)| text.replace(english, swedish))
}

/// What the user asked for when `err` is help or the version rather than an error.
pub fn is_answer(err: &clap::Error) -> bool {
    matches!(err.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion)
}

/// Whether `err` says no command was given, where one must be.
pub fn wants_command(err: &clap::Error) -> bool {
    matches!(err.kind(), ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand)
}

/// An argument error in Swedish: what is wrong, a suggestion if clap has one, the usage line
/// and where to read more.
pub fn error(err: &clap::Error) -> String {
    let value = |kind: ContextKind| match err.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(list)) => list.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let (argument, given) = (value(ContextKind::InvalidArg), value(ContextKind::InvalidValue));
    let mut message = match err.kind() {
        ErrorKind::InvalidSubcommand => format!("det finns inget kommando '{}'", value(ContextKind::InvalidSubcommand)),
        ErrorKind::UnknownArgument => format!("'{argument}' känns inte igen här"),
        ErrorKind::InvalidValue if given.is_empty() => format!("'{argument}' behöver ett värde"),
        ErrorKind::InvalidValue => {
            let valid = value(ContextKind::ValidValue);
            format!("'{given}' går inte att använda för '{argument}'; välj ett av: {valid}")
        }
        ErrorKind::ValueValidation => format!("'{given}' går inte att använda för '{argument}'"),
        ErrorKind::MissingRequiredArgument => format!("det här måste anges: {argument}"),
        ErrorKind::ArgumentConflict => {
            format!("'{argument}' kan inte användas tillsammans med '{}'", value(ContextKind::PriorArg))
        }
        ErrorKind::TooManyValues => {
            format!("'{argument}' får bara anges en gång")
        }
        ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues | ErrorKind::NoEquals => {
            format!("'{argument}' har fel antal värden")
        }
        ErrorKind::InvalidUtf8 => "ett argument är inte giltig UTF-8".to_owned(),
        _ => "argumenten kunde inte tolkas".to_owned(),
    };
    let suggested = [ContextKind::SuggestedSubcommand, ContextKind::SuggestedArg, ContextKind::SuggestedValue]
        .into_iter()
        .map(value)
        .find(|s| !s.is_empty());
    if let Some(suggested) = suggested {
        message.push_str(&format!("\n\n  tips: menade du '{suggested}'?"));
    }
    let usage = value(ContextKind::Usage);
    let mut out = format!("fel: {message}\n");
    if !usage.is_empty() {
        out.push_str(&format!("\n{}\n", swedish(&usage)));
    }
    out.push_str("\nMer hjälp får du med --help.\n");
    out
}
