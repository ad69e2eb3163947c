//! The JSON Schema of a page's front matter, printed by `sthandbok schema`, so editors' YAML
//! tooling can check a page while it is typed.

use serde_json::{Value, json};

const ID: &str = "^[a-z0-9-]+$";

pub fn front_matter() -> Value {
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://sthandbok.se/schema/front-matter.json",
        "title": "Front matter för en sida i ST-handboken",
        "type": "object",
        "additionalProperties": false,
        "required": ["title"],
        "properties": {
            "title": { "type": "string", "minLength": 1, "description": "Sidans rubrik." },
            "kind": {
                "enum": ["sida", "roll", "checklista", "avtal"],
                "default": "sida",
                "description": "Sidans typ: en vanlig sida, en roll (i roller/), checklistan eller ett avtal med fält."
            },
            "description": { "type": "string", "description": "En mening om sidan, för sökning och listor." },
            "weight": { "type": "integer", "description": "Ordning bland syskonen i menyn; lägre först." },
            "source": { "type": "string", "description": "Dokumentet sidan bygger på." },
            "responsibilities": {
                "type": "array",
                "description": "En rolls ansvar.",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["text", "basis", "source", "theme"],
                    "properties": {
                        "text": { "type": "string" },
                        "basis": { "enum": ["föreskrift", "allmänt råd", "regional överenskommelse", "uppgift", "regional organisation"] },
                        "regulation": { "type": "string", "description": "Författningen som en föreskrift eller ett allmänt råd står i, som i regelverk.yaml." },
                        "source": { "type": "string" },
                        "theme": {
                            "enum": ["handledning", "utbildningsprogram", "bedomning", "kurser", "sidotjanstgoring", "vetenskap", "intyg", "organisation"]
                        }
                    }
                }
            },
            "points": {
                "type": "array",
                "description": "Checklistans punkter.",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["id", "text"],
                    "properties": { "id": { "type": "string", "pattern": ID }, "text": { "type": "string" } }
                }
            },
            "fields": {
                "type": "array",
                "description": "Ett avtals tomrader; placeras i texten med {{ fält.ID }}.",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["id", "label"],
                    "properties": {
                        "id": { "type": "string", "pattern": ID },
                        "label": { "type": "string", "minLength": 1 },
                        "type": { "enum": ["text", "date", "number", "checkbox", "multiline"], "default": "text" },
                        "required": { "type": "boolean", "default": false },
                        "hint": { "type": "string" }
                    }
                }
            },
            "signatures": {
                "type": "array",
                "items": { "type": "string" },
                "description": "Vilka som skriver under, i ordning; placeras med {{ underskrifter }}."
            },
            "settles": {
                "type": "array",
                "items": { "type": "string", "pattern": ID },
                "description": "De punkter i checklistan (id) som dokumentet reglerar."
            },
            "duties": {
                "type": "array",
                "description": "Avsnitt vars listpunkter är uppgifter, med roll och tema som punkterna har om de inte själva anger andra med {roll=… tema=…}.",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["section"],
                    "properties": {
                        "section": { "type": "string" },
                        "role": { "type": "string", "pattern": ID },
                        "theme": {
                            "enum": ["handledning", "utbildningsprogram", "bedomning", "kurser", "sidotjanstgoring", "vetenskap", "intyg", "organisation"]
                        }
                    }
                }
            },
            "menu": { "type": "boolean", "default": true, "description": "Om sidan syns i menyn." },
            "reviewed": {
                "type": "string",
                "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                "description": "När sidan senast granskades (ÅÅÅÅ-MM-DD)."
            },
            "review_months": { "type": "integer", "minimum": 1, "description": "Hur många månader som får gå mellan granskningar." },
            "search": {
                "enum": ["normal", "low", "off"],
                "default": "normal",
                "description": "Sidan i läsarnas sökning: normal, low (hittas men efter andra sidor) eller off (utelämnas)."
            },
            "accept": {
                "type": "array",
                "description": "Varningar på sidan som redaktörerna har godtagit, var och en med skäl.",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["code", "reason"],
                    "properties": {
                        "code": { "type": "string", "description": "Varningens kod, som inom hakparentes i varningen." },
                        "reason": { "type": "string", "minLength": 1, "description": "Varför varningen inte kräver någon ändring." }
                    }
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FrontMatter;

    /// The schema names exactly the keys the front matter accepts: serde lists them when it
    /// meets an unknown one.
    #[test]
    fn the_schema_knows_every_key() {
        let error =
            serde_saphyr::from_str::<FrontMatter>("title: x\nzzz: 1\n").unwrap_err().without_snippet().to_string();
        let list = error.split("expected one of").nth(1).unwrap().split(" at line").next().unwrap();
        let mut keys: Vec<String> = list.split(',').map(|k| k.trim().trim_matches('`').to_owned()).collect();
        keys.sort();
        let schema = front_matter();
        let mut properties: Vec<String> = schema["properties"].as_object().unwrap().keys().cloned().collect();
        properties.sort();
        assert_eq!(keys, properties);
    }

    /// Every value the schema allows is one the front matter accepts.
    #[test]
    fn the_schema_allows_only_what_parses() {
        let schema = front_matter();
        for kind in schema["properties"]["kind"]["enum"].as_array().unwrap() {
            let yaml = format!("title: x\nkind: {}\n", kind.as_str().unwrap());
            assert!(serde_saphyr::from_str::<FrontMatter>(&yaml).is_ok(), "{yaml}");
        }
        let item = &schema["properties"]["responsibilities"]["items"]["properties"];
        for basis in item["basis"]["enum"].as_array().unwrap() {
            for theme in item["theme"]["enum"].as_array().unwrap() {
                let yaml = format!(
                    "title: x\nresponsibilities:\n  - text: t\n    source: s\n    basis: {}\n    theme: {}\n",
                    basis.as_str().unwrap(),
                    theme.as_str().unwrap()
                );
                assert!(serde_saphyr::from_str::<FrontMatter>(&yaml).is_ok(), "{yaml}");
            }
        }
        for kind in schema["properties"]["fields"]["items"]["properties"]["type"]["enum"].as_array().unwrap() {
            let yaml = format!("title: x\nfields:\n  - id: a\n    label: A\n    type: {}\n", kind.as_str().unwrap());
            assert!(serde_saphyr::from_str::<FrontMatter>(&yaml).is_ok(), "{yaml}");
        }
    }
}
