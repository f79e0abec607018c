//! Rule `wrong-character`; its documentation is `wrong_character.md`.

table_rule!(
    WrongCharacter,
    about_report: false,
    zh: "“{written}”疑为“{right}”之误。",
    en: "“{written}” looks like a slip for “{right}”.",
);
