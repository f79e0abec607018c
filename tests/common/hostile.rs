//! Hostile documents, made here rather than committed: each a small file that once took the
//! service down or made it swell.

use std::io::Write;

/// A PDF of numbered objects (`1 0 obj` …) with a cross-reference table; object 1 is the catalog.
pub fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(object);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    let trailer = format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    );
    out.extend_from_slice(trailer.as_bytes());
    out
}

pub fn stream(dictionary: &str, data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< {dictionary} /Length {} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

fn catalog_and_pages() -> Vec<Vec<u8>> {
    vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
    ]
}

const FONT: &[u8] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

/// A Form XObject that draws itself.
pub fn self_drawing_xobject() -> Vec<u8> {
    let mut objects = catalog_and_pages();
    objects.push(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 6 0 R >> /XObject << /X1 5 0 R >> >> >>".to_vec());
    objects.push(stream("", b"BT /F1 12 Tf 72 700 Td (report) Tj ET /X1 Do"));
    objects.push(stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X1 5 0 R >> >>",
        b"/X1 Do",
    ));
    objects.push(FONT.to_vec());
    pdf(&objects)
}

/// A page with no MediaBox whose chain of parents loops.
pub fn parent_cycle() -> Vec<u8> {
    let objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 3 0 R >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_vec(),
        stream("", b"BT /F1 12 Tf 72 700 Td (report) Tj ET"),
        FONT.to_vec(),
    ];
    pdf(&objects)
}

/// A font whose ToUnicode CMap opens 100,000 arrays inside each other.
pub fn nested_cmap_arrays() -> Vec<u8> {
    let mut cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <00> <FF> endcodespacerange\n1 beginbfrange\n<41> <41> ".to_vec();
    cmap.extend(std::iter::repeat_n(b'[', 100_000));
    cmap.extend_from_slice(b"\nendbfrange\nendcmap\n");
    let mut objects = catalog_and_pages();
    objects.push(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_vec());
    objects.push(stream("", b"BT /F1 12 Tf 72 700 Td (A) Tj ET"));
    objects
        .push(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>".to_vec());
    objects.push(stream("", &cmap));
    pdf(&objects)
}

/// `size` zero bytes, zlib-compressed.
pub fn deflated_zeros(size: usize) -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1 << 20];
    let mut left = size;
    while left > 0 {
        let part = left.min(zeros.len());
        encoder.write_all(&zeros[..part]).unwrap();
        left -= part;
    }
    encoder.finish().unwrap()
}

/// A one-page PDF whose page's `/Contents` is `contents` (and whatever entries follow it);
/// `objects` follow the page as objects 4, 5, …
pub fn page_with(contents: &str, objects: Vec<Vec<u8>>) -> Vec<u8> {
    let mut all = catalog_and_pages();
    all.push(
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {contents} >>")
            .into_bytes(),
    );
    all.extend(objects);
    pdf(&all)
}

/// A content stream of a megabyte that inflates to a gigabyte of zeros.
pub fn flate_bomb() -> Vec<u8> {
    page_with(
        "4 0 R",
        vec![stream("/Filter /FlateDecode", &deflated_zeros(1 << 30))],
    )
}

/// HTML with `depth` tables nested inside each other.
pub fn nested_tables(depth: usize) -> Vec<u8> {
    let open = "<table><tr><td>".repeat(depth);
    let close = "</td></tr></table>".repeat(depth);
    format!("<html><body>{open}<p>一、主要举措和成效</p>{close}</body></html>").into_bytes()
}
