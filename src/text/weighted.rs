//! The items of a weighted HTTP header (`Accept`, `Accept-Language`) with their quality values
//! (RFC 9110 §12.4.2), read one way for every negotiation the service makes.

/// Each item's name in lower case and its quality (1 when it gives none).
pub fn weighted(header: &str) -> impl Iterator<Item = (String, f32)> + '_ {
    header.split(',').filter_map(|item| {
        let mut pieces = item.split(';');
        let name = pieces.next()?.trim().to_ascii_lowercase();
        let quality = pieces
            .find_map(|p| p.trim().strip_prefix("q=")?.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        (!name.is_empty()).then_some((name, quality))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualities_are_read_as_rfc_9110_writes_them() {
        let accept = "application/json;q=0.5, Application/PDF, text/csv ; q=0,";
        let items: Vec<(String, f32)> = weighted(accept).collect();
        assert_eq!(
            items,
            [
                ("application/json".to_owned(), 0.5),
                ("application/pdf".to_owned(), 1.0),
                ("text/csv".to_owned(), 0.0)
            ]
        );
    }
}
