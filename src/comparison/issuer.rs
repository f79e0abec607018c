//! Whether two names are one unit's: 石桥镇人民政府, 青禾县石桥镇 and 石桥镇 are the same
//! township; 青禾县人民政府 and 青禾县司法局 are not.

/// Endings a unit's name takes or drops.
const ENDINGS: [&str; 3] = ["人民政府", "政府", "办公室"];
/// Names too bare to tell units apart: "县人民政府" in a sign-off.
const BARE: [&str; 6] = ["县", "区", "市", "镇", "乡", "街道"];

/// The name without the endings it may take, and without spaces.
pub fn core(name: &str) -> String {
    let mut name: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    for ending in ENDINGS {
        if let Some(stripped) = name.strip_suffix(ending)
            && !stripped.is_empty()
        {
            name = stripped.to_owned();
            break;
        }
    }
    name
}

/// The names a unit goes by: its core, and what follows the county or city before it
/// (青禾县石桥镇: 石桥镇), never a bare ending such as 桥镇 that another unit shares.
pub fn unit_names(name: &str) -> Vec<String> {
    let core = core(name);
    let mut names = vec![core.clone()];
    for (at, ch) in core.char_indices() {
        let rest = &core[at + ch.len_utf8()..];
        if matches!(ch, '省' | '市' | '县' | '区' | '州' | '旗') && !is_bare(rest) {
            names.push(rest.to_owned());
        }
    }
    names
}

/// A name too bare to tell one unit from another: 县, 镇 alone.
pub fn is_bare(core: &str) -> bool {
    core.chars().count() < 2 || BARE.contains(&core)
}

/// Whether two names are one unit's: equal once their endings are dropped, or one the other's
/// end (the county's name put before the township's); `None` when either is too bare to tell.
pub fn same(a: &str, b: &str) -> Option<bool> {
    let (a, b) = (core(a), core(b));
    if is_bare(&a) || is_bare(&b) {
        return None;
    }
    Some(a == b || a.ends_with(&b) || b.ends_with(&a))
}

#[cfg(test)]
mod tests {
    use super::same;

    #[test]
    fn one_township_under_its_several_names() {
        assert_eq!(same("石桥镇人民政府", "青禾县石桥镇"), Some(true));
        assert_eq!(same("石桥镇", "青禾县石桥镇人民政府"), Some(true));
        assert_eq!(same("石桥镇人民政府", "柳溪镇人民政府"), Some(false));
        assert_eq!(same("青禾县人民政府", "青禾县司法局"), Some(false));
        assert_eq!(same("县人民政府", "青禾县人民政府"), None);
    }
}
