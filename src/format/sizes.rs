//! Chinese type sizes (字号): 初号 to 八号 in points, as offices name them.

const NAMES: [(f32, &str); 16] = [
    (42.0, "初号"),
    (36.0, "小初"),
    (26.0, "一号"),
    (24.0, "小一"),
    (22.0, "二号"),
    (18.0, "小二"),
    (16.0, "三号"),
    (15.0, "小三"),
    (14.0, "四号"),
    (12.0, "小四"),
    (10.5, "五号"),
    (9.0, "小五"),
    (7.5, "六号"),
    (6.5, "小六"),
    (5.5, "七号"),
    (5.0, "八号"),
];

/// A size as offices say it ("三号"), or in points when it has no name ("13磅").
pub fn size_name(pt: f32) -> String {
    NAMES
        .iter()
        .find(|(size, _)| (size - pt).abs() < 0.01)
        .map_or_else(|| format!("{pt}磅"), |(_, name)| (*name).to_owned())
}

#[cfg(test)]
mod tests {
    #[test]
    fn named_and_unnamed_sizes() {
        assert_eq!(super::size_name(16.0), "三号");
        assert_eq!(super::size_name(12.0), "小四");
        assert_eq!(super::size_name(13.0), "13磅");
    }
}
