//! What a PDF's streams inflate to, counted from the file's bytes before the reader inflates
//! any of them: the unzip budget that bounds a .docx bounds a PDF too. hayro has no hook for a
//! limit, so the count is ours. It reads the file as tokens, not through hayro: an object
//! stream (whose objects hayro would inflate to find) is itself a stream in the file, so every
//! stream is seen, and none is inflated by code that does not stop at the budget.
//!
//! Counted: every stream's filters that amplify (Flate, LZW, RunLength, ASCII85) or shrink
//! (ASCIIHex), once per stream; and, because the reader inflates them again each time they are
//! drawn, a page's content streams once more for each time a `/Contents` names them, and a
//! form once more for each `Do` that draws it. Images are left out (a text reader never decodes
//! them) unless a page names them as its contents.

use std::collections::HashMap;
use std::io::Read;

use memchr::memmem;

/// Bytes the streams inflate to, or `Err(at_least)` once that passes `budget`.
pub fn inflated_size(pdf: &[u8], budget: u64) -> Result<u64, u64> {
    let file = File::read(pdf);
    let mut meter = Meter { total: 0, budget };
    let mut decoded: HashMap<u32, Decoded> = HashMap::new();
    for stream in file.streams.iter().filter(|s| !s.is_image) {
        let this = stream.decode(pdf, meter.remaining());
        meter.add(this.size.saturating_add(this.read))?;
        decoded.entry(stream.number).or_default().merge(this);
    }
    let forms = file.xobject_names(pdf);
    let mut costs = HashMap::new();
    for (number, times) in file.contents_references(pdf) {
        if let std::collections::hash_map::Entry::Vacant(entry) = decoded.entry(number) {
            // Named as contents though marked as an image: the reader inflates it anyway.
            let this = file
                .streams_numbered(number)
                .map(|s| s.decode(pdf, meter.remaining()))
                .max_by_key(|d| d.size)
                .unwrap_or_default();
            meter.add(this.read)?;
            entry.insert(this);
        }
        let cost = drawing_cost(number, &decoded, &forms, &mut costs);
        meter.add(cost.saturating_mul(times))?;
    }
    Ok(meter.total)
}

/// The running total against the budget.
struct Meter {
    total: u64,
    budget: u64,
}

impl Meter {
    fn remaining(&self) -> u64 {
        self.budget.saturating_sub(self.total)
    }

    fn add(&mut self, size: u64) -> Result<(), u64> {
        self.total = self.total.saturating_add(size);
        if self.total > self.budget {
            Err(self.total)
        } else {
            Ok(())
        }
    }
}

/// What a stream inflates to, the bytes of the file read to know it, and the XObjects its
/// operators draw (`/Name Do`), by name. What is read counts against the budget too: data runs
/// to the end of the file, so streams whose data never ends must not each read the rest of it.
#[derive(Default)]
struct Decoded {
    size: u64,
    read: u64,
    draws: HashMap<Vec<u8>, u64>,
}

impl Decoded {
    /// Two definitions of one object: the larger of each.
    fn merge(&mut self, other: Decoded) {
        self.size = self.size.max(other.size);
        for (name, count) in other.draws {
            let held = self.draws.entry(name).or_default();
            *held = (*held).max(count);
        }
    }
}

/// What drawing a stream inflates: itself, and each form it draws as often as it draws it (the
/// reader inflates a form each time). Walked with a stack of our own; a form that draws itself
/// adds nothing, as the reader cuts such a loop short.
fn drawing_cost(
    root: u32,
    decoded: &HashMap<u32, Decoded>,
    forms: &HashMap<Vec<u8>, Vec<u32>>,
    costs: &mut HashMap<u32, u64>,
) -> u64 {
    let drawn = |number: u32| {
        decoded[&number].draws.iter().flat_map(|(name, &count)| {
            forms
                .get(name)
                .into_iter()
                .flatten()
                .filter(|form| decoded.contains_key(form))
                .map(move |&form| (form, count))
        })
    };
    let mut on_path = std::collections::HashSet::new();
    let mut stack = vec![(root, false)];
    while let Some((number, expanded)) = stack.pop() {
        if costs.contains_key(&number) {
            continue;
        }
        if !expanded {
            on_path.insert(number);
            stack.push((number, true));
            let next: Vec<u32> = drawn(number)
                .map(|(form, _)| form)
                .filter(|form| !costs.contains_key(form) && !on_path.contains(form))
                .collect();
            stack.extend(next.into_iter().map(|form| (form, false)));
            continue;
        }
        on_path.remove(&number);
        let mut cost = decoded[&number].size;
        for (form, count) in drawn(number) {
            let each = costs.get(&form).copied().unwrap_or(0);
            cost = cost.saturating_add(count.saturating_mul(each));
        }
        costs.insert(number, cost);
    }
    costs[&root]
}

/// The objects of a file as its bytes lay them out. Every definition counts, not only the last
/// (an incremental update replaces objects; a forged one must not hide a stream).
struct File {
    /// Where the body of each object starts (after `N G obj`), last definition winning.
    bodies: HashMap<u32, usize>,
    streams: Vec<Stream>,
    /// Where each object number's streams are in `streams`.
    numbered: HashMap<u32, Vec<usize>>,
}

struct Stream {
    number: u32,
    /// Where the data starts, after `stream` and its end of line.
    data: usize,
    filters: Vec<Filter>,
    is_image: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Filter {
    Flate,
    Lzw,
    RunLength,
    Ascii85,
    AsciiHex,
    /// Images and encryption: nothing past it is inflated by a text reader.
    Opaque,
}

impl File {
    fn read(pdf: &[u8]) -> Self {
        let starts: Vec<(usize, u32)> = memmem::find_iter(pdf, b"obj")
            .filter(|&at| pdf.get(at + 3).is_none_or(|&b| is_delimiter(b)))
            .filter_map(|at| Some((at + 3, object_number_before(pdf, at)?)))
            .collect();
        let mut file = File {
            bodies: starts.iter().map(|&(at, n)| (n, at)).collect(),
            streams: Vec::new(),
            numbered: HashMap::new(),
        };
        for (i, &(body, number)) in starts.iter().enumerate() {
            let end = starts.get(i + 1).map_or(pdf.len(), |&(next, _)| next);
            if let Some(stream) = file.stream_in(pdf, number, body, end) {
                file.numbered
                    .entry(number)
                    .or_default()
                    .push(file.streams.len());
                file.streams.push(stream);
            }
        }
        file
    }

    fn streams_numbered(&self, number: u32) -> impl Iterator<Item = &Stream> {
        let at = self.numbered.get(&number).map_or(&[][..], Vec::as_slice);
        at.iter().map(|&i| &self.streams[i])
    }

    /// The stream an object's body holds: a dictionary, then `stream` and an end of line.
    fn stream_in(&self, pdf: &[u8], number: u32, body: usize, end: usize) -> Option<Stream> {
        let region = &pdf[body..end];
        let keyword = memmem::find_iter(region, b"stream").find(|&at| {
            region[..at].trim_ascii_end().ends_with(b">>")
                && matches!(region.get(at + 6), Some(b'\r' | b'\n'))
        })?;
        let dictionary = &region[..keyword];
        let mut data = body + keyword + 6;
        data += match &pdf[data..] {
            [b'\r', b'\n', ..] => 2,
            _ => 1,
        };
        let filters = match value_of(dictionary, b"/Filter") {
            Some(value) => self.filters(pdf, value),
            None => Vec::new(),
        };
        let is_image = value_of(dictionary, b"/Subtype").is_some_and(|v| name_is(v, b"Image"));
        Some(Stream {
            number,
            data,
            filters,
            is_image,
        })
    }

    /// A `/Filter` value: a name, an array of names, or a reference to either.
    fn filters(&self, pdf: &[u8], value: &[u8]) -> Vec<Filter> {
        let value = match reference(value) {
            Some(number) => match self.bodies.get(&number) {
                Some(&body) => after_space(&pdf[body..]),
                None => return Vec::new(),
            },
            None => value,
        };
        let value = short(value);
        let names = match value.strip_prefix(b"[") {
            Some(array) => &array[..memchr::memchr(b']', array).unwrap_or(array.len())],
            None => name_at(value),
        };
        names
            .split(|&b| b == b'/')
            .skip(1)
            .map(|name| Filter::named(name_at(name)))
            .collect()
    }

    /// The objects each XObject name stands for, over every `/XObject` resource dictionary
    /// (given in place or by reference).
    fn xobject_names(&self, pdf: &[u8]) -> HashMap<Vec<u8>, Vec<u32>> {
        let mut names: HashMap<Vec<u8>, Vec<u32>> = HashMap::new();
        // A dictionary given by reference is read once, however many resources name it.
        let mut read = std::collections::HashSet::new();
        for at in memmem::find_iter(pdf, b"/XObject") {
            let value = after_space(&pdf[at + 8..]);
            let value = match reference(value) {
                Some(number) if !read.insert(number) => continue,
                Some(number) => match self.bodies.get(&number) {
                    Some(&body) => after_space(&pdf[body..]),
                    None => continue,
                },
                None => value,
            };
            let Some(dictionary) = value.strip_prefix(b"<<") else {
                continue;
            };
            // Its entries are names and references; it ends at the first `<` or `>`, so no
            // two dictionaries read share a byte.
            let dictionary = run(dictionary, |b| b != b'<' && b != b'>');
            for entry in dictionary.split(|&b| b == b'/').skip(1) {
                let name = name_at(entry);
                if let Some(number) = reference(&entry[name.len()..]) {
                    names.entry(name.to_vec()).or_default().push(number);
                }
            }
        }
        names
    }

    /// How often a `/Contents` entry names each object: by a reference, an array of
    /// references, or a reference to such an array (read once, however often it is named).
    fn contents_references(&self, pdf: &[u8]) -> HashMap<u32, u64> {
        let mut times: HashMap<u32, u64> = HashMap::new();
        let mut arrays_named: HashMap<u32, u64> = HashMap::new();
        let name = |times: &mut HashMap<u32, u64>, array: &[u8], count: u64| {
            for number in references_in(array) {
                *times.entry(number).or_default() += count;
            }
        };
        for at in memmem::find_iter(pdf, b"/Contents") {
            let value = after_space(&pdf[at + 9..]);
            match reference(value) {
                Some(number) if self.streams_numbered(number).next().is_some() => {
                    *times.entry(number).or_default() += 1;
                }
                Some(number) => *arrays_named.entry(number).or_default() += 1,
                None => name(&mut times, value, 1),
            }
        }
        for (number, count) in arrays_named {
            if let Some(&body) = self.bodies.get(&number) {
                name(&mut times, after_space(&pdf[body..]), count);
            }
        }
        times
    }
}

impl Filter {
    fn named(name: &[u8]) -> Self {
        match name {
            b"FlateDecode" | b"Fl" => Filter::Flate,
            b"LZWDecode" | b"LZW" => Filter::Lzw,
            b"RunLengthDecode" | b"RL" => Filter::RunLength,
            b"ASCII85Decode" | b"A85" => Filter::Ascii85,
            b"ASCIIHexDecode" | b"AHx" => Filter::AsciiHex,
            _ => Filter::Opaque,
        }
    }
}

impl Stream {
    /// What the filters give, counted up to one byte past `cap`. Each filter's encoding marks
    /// its own end, so the data runs to the end of the file rather than trusting `/Length`;
    /// unfiltered data runs to `endstream`.
    fn decode(&self, pdf: &[u8], cap: u64) -> Decoded {
        let raw = &pdf[self.data..];
        let mut data = std::borrow::Cow::Borrowed(raw);
        let (mut size, mut read) = (0, None);
        for filter in &self.filters {
            let limit = usize::try_from(cap).unwrap_or(usize::MAX).saturating_add(1);
            let (output, consumed) = match filter {
                Filter::Flate => inflate(&data, limit),
                Filter::Lzw => {
                    let (size, consumed) = lzw_size(&data, limit);
                    return Decoded {
                        size: size as u64,
                        read: read.unwrap_or(consumed) as u64,
                        ..Decoded::default()
                    };
                }
                Filter::RunLength => run_length(&data, limit),
                Filter::Ascii85 => ascii85(&data, limit),
                Filter::AsciiHex => ascii_hex(&data),
                Filter::Opaque => break,
            };
            // Only the first filter reads the file; the others read what it gave.
            read.get_or_insert(consumed);
            size = output.len() as u64;
            data = std::borrow::Cow::Owned(output);
        }
        if self.filters.is_empty() {
            let end = memmem::find(raw, b"endstream").unwrap_or(raw.len());
            read = Some(end);
            data = std::borrow::Cow::Borrowed(&raw[..end]);
        } else if read.is_none() {
            // Encoded in a way no text reader decodes (an image, encryption): nothing to count.
            return Decoded::default();
        }
        Decoded {
            size,
            read: read.unwrap_or(0) as u64,
            draws: draws(&data),
        }
    }
}

/// How often each XObject is drawn by name (`/Name Do`) in a content stream's operators.
fn draws(content: &[u8]) -> HashMap<Vec<u8>, u64> {
    let mut draws = HashMap::new();
    for at in memmem::find_iter(content, b"Do") {
        if !content.get(at + 2).is_none_or(|&b| is_delimiter(b)) {
            continue;
        }
        let window = &content[at.saturating_sub(SHORT)..at];
        let before = window.trim_ascii_end();
        if before.len() == window.len() {
            continue;
        }
        // The operand is the token just before: back to the delimiter that starts it, which
        // for a name is its `/`. Each byte is looked at for one `Do` only.
        let Some(start) = before.iter().rposition(|&b| is_delimiter(b)) else {
            continue;
        };
        let name = &before[start + 1..];
        if before[start] == b'/' && !name.is_empty() {
            *draws.entry(name.to_vec()).or_default() += 1;
        }
    }
    draws
}

/// zlib, or raw deflate when the zlib header is wrong, as the reader falls back; and the bytes
/// read.
fn inflate(data: &[u8], limit: usize) -> (Vec<u8>, usize) {
    let mut out = Vec::new();
    let limit = limit as u64;
    let mut zlib = flate2::read::ZlibDecoder::new(data);
    let inflated = (&mut zlib).take(limit).read_to_end(&mut out);
    let mut read = zlib.total_in();
    if inflated.is_err() && out.is_empty() {
        let mut deflate = flate2::read::DeflateDecoder::new(data);
        let _ = (&mut deflate).take(limit).read_to_end(&mut out);
        read = read.max(deflate.total_in());
    }
    (out, usize::try_from(read).unwrap_or(data.len()))
}

/// The length of what an LZW code sequence decodes to (PDF's variant: 9 to 12 bits, codes
/// widened one early), counted from the lengths of the table's strings without building them.
fn lzw_size(data: &[u8], limit: usize) -> (usize, usize) {
    const CLEAR: usize = 256;
    const END: usize = 257;
    let mut lengths = [1usize; 4096];
    let mut next = END + 1;
    let mut width = 9;
    let mut previous: Option<usize> = None;
    let mut total = 0usize;
    let mut bits = 0u32;
    let mut held = 0u32;
    for (at, &byte) in data.iter().enumerate() {
        bits = (bits << 8) | u32::from(byte);
        held += 8;
        while held >= width {
            let code = ((bits >> (held - width)) & ((1 << width) - 1)) as usize;
            held -= width;
            match code {
                CLEAR => {
                    next = END + 1;
                    width = 9;
                    previous = None;
                    continue;
                }
                END => return (total, at + 1),
                _ => {}
            }
            let length = match (code, previous) {
                (c, _) if c < next => lengths[c],
                (c, Some(p)) if c == next => lengths[p] + 1,
                _ => return (total, at + 1),
            };
            total += length;
            if total >= limit {
                return (total, at + 1);
            }
            if let Some(p) = previous
                && next < lengths.len()
            {
                lengths[next] = lengths[p] + 1;
                next += 1;
            }
            if next + 1 >= 1 << width && width < 12 {
                width += 1;
            }
            previous = Some(code);
        }
    }
    (total, data.len())
}

fn run_length(data: &[u8], limit: usize) -> (Vec<u8>, usize) {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(&length) = data.get(at)
        && length != 128
        && out.len() < limit
    {
        if length < 128 {
            let run = data.get(at + 1..at + 2 + usize::from(length));
            out.extend_from_slice(run.unwrap_or_default());
            at += 2 + usize::from(length);
        } else {
            let Some(&byte) = data.get(at + 1) else { break };
            out.extend(std::iter::repeat_n(byte, 257 - usize::from(length)));
            at += 2;
        }
    }
    (out, at.min(data.len()))
}

fn ascii85(data: &[u8], limit: usize) -> (Vec<u8>, usize) {
    let mut out = Vec::new();
    let mut group = [0u8; 5];
    let mut held = 0;
    let mut read = 0;
    for &byte in data {
        if out.len() >= limit {
            break;
        }
        read += 1;
        match byte {
            b'~' => break,
            b'z' if held == 0 => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => {
                group[held] = byte - b'!';
                held += 1;
                if held == 5 {
                    let value = group
                        .iter()
                        .fold(0u32, |v, &d| v.wrapping_mul(85).wrapping_add(u32::from(d)));
                    out.extend_from_slice(&value.to_be_bytes());
                    held = 0;
                }
            }
            b if b.is_ascii_whitespace() => {}
            _ => break,
        }
    }
    (out, read)
}

fn ascii_hex(data: &[u8]) -> (Vec<u8>, usize) {
    let read = memchr::memchr(b'>', data).unwrap_or(data.len());
    let digits = data[..read]
        .iter()
        .filter_map(|&b| (b as char).to_digit(16));
    let mut out = Vec::new();
    let mut high = None;
    for digit in digits {
        match high.take() {
            Some(h) => out.push((h * 16 + digit) as u8),
            None => high = Some(digit),
        }
    }
    (out, read)
}

/// The number of the object whose `obj` keyword starts at `at`: `N G obj`.
fn object_number_before(pdf: &[u8], at: usize) -> Option<u32> {
    let before = pdf[at.saturating_sub(24)..at].trim_ascii_end();
    let mut words = before.rsplit(|b| b.is_ascii_whitespace());
    let generation = words.next()?;
    let number = words.next()?;
    (!generation.is_empty() && generation.iter().all(u8::is_ascii_digit)).then_some(())?;
    std::str::from_utf8(number).ok()?.parse().ok()
}

/// The start of the value of `key` in a dictionary's text.
fn value_of<'a>(dictionary: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    memmem::find_iter(dictionary, key)
        .find(|&at| {
            dictionary
                .get(at + key.len())
                .is_none_or(|&b| is_delimiter(b))
        })
        .map(|at| dictionary[at + key.len()..].trim_ascii_start())
}

fn name_is(value: &[u8], name: &[u8]) -> bool {
    value
        .strip_prefix(b"/")
        .and_then(|v| v.strip_prefix(name))
        .is_some_and(|rest| rest.first().is_none_or(|&b| is_delimiter(b)))
}

/// How far a name, a reference or a list of filters is read: PDF's names stop at 127 bytes,
/// and a list of filters is a few of them. Reading no further keeps the count linear however
/// often a file names the same thing.
const SHORT: usize = 256;

fn short(value: &[u8]) -> &[u8] {
    &value[..value.len().min(SHORT)]
}

/// A value with the white space before it skipped (up to [`SHORT`] bytes of it).
fn after_space(value: &[u8]) -> &[u8] {
    let space = short(value)
        .iter()
        .take_while(|b| b.is_ascii_whitespace())
        .count();
    &value[space..]
}

/// The bytes at the start of `value` that `keep` accepts.
fn run(value: &[u8], keep: impl Fn(u8) -> bool) -> &[u8] {
    &value[..value.iter().position(|&b| !keep(b)).unwrap_or(value.len())]
}

/// `N G R` at the start of a value.
fn reference(value: &[u8]) -> Option<u32> {
    let mut words = short(value)
        .split(|b| b.is_ascii_whitespace())
        .filter(|w| !w.is_empty());
    let number = words.next()?;
    let generation = words.next()?;
    let keyword = words.next()?;
    let digits = |w: &[u8]| !w.is_empty() && w.iter().all(u8::is_ascii_digit);
    (digits(number) && digits(generation) && keyword.starts_with(b"R")).then_some(())?;
    std::str::from_utf8(number).ok()?.parse().ok()
}

/// Every `N G R` in an array of references: `[` then digits, `R` and white space. The array
/// ends at the first other byte, so no two arrays read share a byte.
fn references_in(value: &[u8]) -> Vec<u32> {
    let Some(array) = value.strip_prefix(b"[") else {
        return Vec::new();
    };
    let array = run(array, |b| {
        b.is_ascii_digit() || b == b'R' || b.is_ascii_whitespace()
    });
    let words: Vec<&[u8]> = array
        .split(|b| b.is_ascii_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    words
        .windows(3)
        .filter(|w| w[2] == b"R" && w[1].iter().all(u8::is_ascii_digit))
        .filter_map(|w| std::str::from_utf8(w[0]).ok()?.parse().ok())
        .collect()
}

/// A name's text up to its first delimiter (a leading `/` kept).
fn name_at(value: &[u8]) -> &[u8] {
    let value = short(value);
    let end = value
        .iter()
        .skip(1)
        .position(|&b| is_delimiter(b))
        .map_or(value.len(), |p| p + 1);
    &value[..end]
}

/// PDF's white space and delimiters: where a name or keyword ends.
fn is_delimiter(byte: u8) -> bool {
    byte.is_ascii_whitespace() || b"()<>[]{}/%".contains(&byte)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Codes packed as PDF writes them: most significant bit first, at the given widths.
    fn packed(codes: &[(u32, u32)]) -> Vec<u8> {
        let (mut bits, mut held, mut out) = (0u64, 0, Vec::new());
        for &(code, width) in codes {
            bits = (bits << width) | u64::from(code);
            held += width;
            while held >= 8 {
                out.push((bits >> (held - 8)) as u8);
                held -= 8;
            }
        }
        if held > 0 {
            out.push((bits << (8 - held)) as u8);
        }
        out
    }

    #[test]
    fn lzw_is_counted_as_its_strings_decode() {
        // "ABABABA": A, B, AB (258), then ABA (260, the code being defined), end.
        let codes = [(256, 9), (65, 9), (66, 9), (258, 9), (260, 9), (257, 9)];
        assert_eq!(lzw_size(&packed(&codes), usize::MAX).0, 7);
        // A code the table does not hold yet ends the count where it stands.
        let broken = [(65, 9), (400, 9), (66, 9)];
        assert_eq!(lzw_size(&packed(&broken), usize::MAX).0, 1);
    }

    #[test]
    fn run_length_and_hex_decode_as_the_filters_define() {
        let (decoded, read) = run_length(&[2, b'a', b'b', b'c', 254, b'z', 128, 0], 100);
        assert_eq!((decoded.as_slice(), read), (&b"abczzz"[..], 6));
        assert_eq!(run_length(&[129, 0], 10).0.len(), 128);
        assert_eq!(ascii_hex(b"48 65 6c6C6f>00"), (b"Hello".to_vec(), 12));
        assert_eq!(ascii85(b"87cURDZ~>", 100), (b"Hell".to_vec(), 8));
    }
}
