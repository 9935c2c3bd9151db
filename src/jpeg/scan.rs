//! A JPEG walked to its end: every marker segment parsed, and every scan's
//! entropy-coded data Huffman-decoded block by block (coefficients are counted, never
//! transformed), so a file cut short is caught even when someone appended an
//! end-of-image marker to it. A decoder would not catch it: zune-jpeg, even in strict
//! mode, fills the missing blocks with grey and reports success (docs/decisions.md).
//!
//! In: a JPEG's bytes. Out: `Ok` when the marker structure is whole from SOI to EOI
//! and each scan holds all its blocks, or what is wrong ([`JpegError`]). Linear in the
//! file's length, no memory beyond the Huffman tables except for the refinement scans
//! of a progressive JPEG (one 64-bit mask per block). ITU-T T.81: Annex B (syntax),
//! Annex F (sequential Huffman decoding), Annex G (progressive).

use crate::diag::{Code, Diagnostic};

/// What the PDF writer can pass through: Huffman-coded sequential or progressive DCT,
/// 8-bit samples (PDF's `/DCTDecode` takes no other).
const SUPPORTED_FRAMES: [u8; 3] = [0xC0, 0xC1, 0xC2];

/// What is wrong with a JPEG ([`check`]): where it is cut short, or which part of it
/// is damaged or cannot go into a PDF.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JpegError {
    /// No start-of-image marker at the start.
    NotAJpeg,
    /// The file ends before its end-of-image marker.
    CutShort,
    /// No marker where one should be.
    NoMarker {
        /// Byte offset in the file.
        at: usize,
    },
    /// A segment whose length is less than its own length field.
    BadSegmentLength {
        /// The length the segment gives.
        len: usize,
        /// Byte offset of its marker.
        at: usize,
    },
    /// The end-of-image marker comes before any scan.
    NoScan,
    /// A frame coded otherwise than by Huffman-coded sequential or progressive DCT
    /// (lossless, hierarchical, arithmetic-coded).
    UnsupportedCoding {
        /// The start-of-frame marker byte (after `FF`).
        marker: u8,
    },
    /// A second start-of-frame.
    TwoFrames,
    /// A frame header too short for what it declares.
    DamagedFrameHeader,
    /// Samples of other than 8 bits.
    Precision {
        /// Bits per sample.
        bits: u8,
    },
    /// A frame of width or height 0.
    NoSize,
    /// Other than 1, 3 or 4 colour components.
    Components {
        /// How many the frame has.
        n: usize,
    },
    /// Sampling factors outside 1–4.
    BadSampling,
    /// Two components with one id.
    DuplicateComponent,
    /// A restart interval segment too short.
    DamagedRestartInterval,
    /// A Huffman table segment too short for its counts.
    DamagedHuffmanTable,
    /// A Huffman table of a class other than DC or AC, or a number above 3.
    BadHuffmanTableId,
    /// A Huffman table whose counts need more symbols than it lists.
    HuffmanTooFewSymbols,
    /// A Huffman table with more codes of some length than that length allows.
    HuffmanOverfull,
    /// A scan header too short for what it declares, or naming a table above 3.
    DamagedScanHeader,
    /// A scan before the start-of-frame.
    ScanBeforeFrame,
    /// A scan of a component the frame does not have.
    UnknownComponent,
    /// A scan whose spectral selection is out of range or not allowed.
    BadSpectralSelection,
    /// A sequential frame's scan with progressive parameters.
    ProgressiveParameters,
    /// A scan that uses a Huffman table no segment defined.
    UndefinedTable,
    /// A code in the scan data that is no code of its table.
    DamagedHuffmanCode,
    /// A code whose symbol the table does not list.
    HuffmanSymbolMissing,
    /// A DC difference of more than 15 bits.
    DamagedDc,
    /// A refinement scan with a coefficient of more than one bit.
    DamagedRefinement,
    /// A restart marker missing where the restart interval puts one.
    NoRestartMarker,
    /// A scan's data that ends before all its blocks.
    ScanCutShort {
        /// The blocks decoded.
        blocks: usize,
        /// The blocks the scan has.
        of: usize,
    },
    /// A colour component no scan sent.
    ComponentNeverSent,
    /// Coefficients not refined to their last bit (the last scans are missing).
    RefinementMissing,
}

impl JpegError {
    /// The error as an unlocated `photo.unusable` diagnostic; the caller names the
    /// file (`about`) and locates it (`at`).
    pub fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(Code::PhotoUnusable, self.to_string()).hint("give a whole JPEG or PNG file")
    }
}

impl std::fmt::Display for JpegError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            JpegError::NotAJpeg => "not a JPEG file (no start-of-image marker)",
            JpegError::CutShort => "the JPEG is cut short (it ends before its end-of-image marker)",
            JpegError::NoMarker { at } => {
                return write!(f, "a damaged JPEG (no marker where one should be, at byte {at})")
            }
            JpegError::BadSegmentLength { len, at } => {
                return write!(f, "a damaged JPEG (a segment of length {len} at byte {at})")
            }
            JpegError::NoScan => "the JPEG has no image data (it ends before its first scan)",
            JpegError::UnsupportedCoding { marker } => {
                return write!(
                    f,
                    "a JPEG coded as {} cannot be placed (only baseline, extended and progressive Huffman-coded JPEGs go into a PDF)",
                    frame_kind(*marker)
                )
            }
            JpegError::TwoFrames => "a JPEG with two frames",
            JpegError::DamagedFrameHeader => "a damaged frame header",
            JpegError::Precision { bits } => {
                return write!(f, "a JPEG of {bits}-bit samples (a PDF takes 8-bit JPEGs only)")
            }
            JpegError::NoSize => "a JPEG whose frame header gives no size",
            JpegError::Components { n } => return write!(f, "a JPEG with {n} colour components"),
            JpegError::BadSampling => "a JPEG with bad sampling factors",
            JpegError::DuplicateComponent => "a JPEG with two components of one number",
            JpegError::DamagedRestartInterval => "a damaged restart interval",
            JpegError::DamagedHuffmanTable => "a damaged Huffman table",
            JpegError::BadHuffmanTableId => "a Huffman table with a bad class or number",
            JpegError::HuffmanTooFewSymbols => "a Huffman table with fewer symbols than codes",
            JpegError::HuffmanOverfull => "a Huffman table with more codes than its lengths allow",
            JpegError::DamagedScanHeader => "a damaged scan header",
            JpegError::ScanBeforeFrame => "a JPEG scan before its frame header",
            JpegError::UnknownComponent => "a JPEG scan of a component the frame does not have",
            JpegError::BadSpectralSelection => "a JPEG scan with a bad spectral selection",
            JpegError::ProgressiveParameters => "a sequential JPEG scan with progressive parameters",
            JpegError::UndefinedTable => "a JPEG scan uses a Huffman table it does not define",
            JpegError::DamagedHuffmanCode => "a damaged Huffman code in the scan data",
            JpegError::HuffmanSymbolMissing => "a damaged Huffman code",
            JpegError::DamagedDc => "a damaged DC coefficient in the scan data",
            JpegError::DamagedRefinement => "a damaged refinement scan in a progressive JPEG",
            JpegError::NoRestartMarker => {
                "the JPEG is cut short or damaged: a restart marker is missing"
            }
            JpegError::ScanCutShort { blocks, of } => {
                return write!(
                    f,
                    "the JPEG is cut short: its scan data ends after {blocks} blocks of {of} (someone may have appended an end marker to a partial file)"
                )
            }
            JpegError::ComponentNeverSent => {
                "the JPEG is cut short: a colour component was never sent (its scans are missing)"
            }
            JpegError::RefinementMissing => {
                "the JPEG is cut short: its last refinement scans are missing"
            }
        };
        f.write_str(text)
    }
}

impl std::error::Error for JpegError {}

/// A frame component: its id and sampling factors.
#[derive(Clone, Copy, Default)]
struct Component {
    id: u8,
    h: usize,
    v: usize,
    /// Blocks across and down (of the component's own plane, without MCU padding).
    blocks_w: usize,
    blocks_h: usize,
}

/// A canonical Huffman table (T.81 Annex C), decoded by lookup on up to 9 bits and
/// bit by bit past that.
#[derive(Clone)]
struct Huffman {
    /// For the first 9 bits of a code: (length, symbol), length 0 when longer.
    fast: Vec<(u8, u8)>,
    /// Per length 1..=16: the largest code of that length (-1: none), the index of its
    /// first symbol, and its first code.
    max_code: [i32; 17],
    first_index: [usize; 17],
    first_code: [i32; 17],
    symbols: Vec<u8>,
}

const FAST_BITS: usize = 9;

impl Huffman {
    fn new(counts: &[u8; 16], symbols: &[u8]) -> Result<Huffman, JpegError> {
        let mut h = Huffman {
            fast: vec![(0, 0); 1 << FAST_BITS],
            max_code: [-1; 17],
            first_index: [0; 17],
            first_code: [0; 17],
            symbols: symbols.to_vec(),
        };
        let total: usize = counts.iter().map(|&c| usize::from(c)).sum();
        if total > symbols.len() {
            return Err(JpegError::HuffmanTooFewSymbols);
        }
        let (mut code, mut k) = (0i32, 0usize);
        for len in 1..=16 {
            let n = usize::from(counts[len - 1]);
            h.first_index[len] = k;
            h.first_code[len] = code;
            for _ in 0..n {
                // Checked before the code is used: an over-full table (found by the
                // fuzz run) would index past the fast-lookup table.
                if code >= 1 << len {
                    return Err(JpegError::HuffmanOverfull);
                }
                if len <= FAST_BITS {
                    let shift = FAST_BITS - len;
                    let base = (code as usize) << shift;
                    for fill in 0..1usize << shift {
                        h.fast[base + fill] = (len as u8, symbols[k]);
                    }
                }
                code += 1;
                k += 1;
            }
            if n > 0 {
                h.max_code[len] = code - 1;
            }
            if code > 1 << len {
                return Err(JpegError::HuffmanOverfull);
            }
            code <<= 1;
        }
        Ok(h)
    }
}

/// Reads entropy-coded bits: `FF 00` is a data byte `FF`; any other marker ends the
/// data, and bits wanted past it are counted as missing (the file was cut short).
struct Bits<'a> {
    data: &'a [u8],
    pos: usize,
    acc: u64,
    n: u32,
    /// A marker was reached: no more data bytes until [`Bits::restart`].
    at_marker: bool,
    /// Bits handed out that the data did not have.
    missing: u64,
}

impl<'a> Bits<'a> {
    fn new(data: &'a [u8], pos: usize) -> Bits<'a> {
        Bits {
            data,
            pos,
            acc: 0,
            n: 0,
            at_marker: false,
            missing: 0,
        }
    }

    fn fill(&mut self) {
        while self.n <= 56 {
            let byte = if self.at_marker {
                None
            } else {
                match self.data.get(self.pos) {
                    Some(0xFF) => match self.data.get(self.pos + 1) {
                        Some(0x00) => {
                            self.pos += 2;
                            Some(0xFF)
                        }
                        _ => None,
                    },
                    Some(&b) => {
                        self.pos += 1;
                        Some(b)
                    }
                    None => None,
                }
            };
            match byte {
                Some(b) => {
                    self.acc |= u64::from(b) << (56 - self.n);
                    self.n += 8;
                }
                None => {
                    self.at_marker = true;
                    return;
                }
            }
        }
    }

    /// The next `k` bits (k ≤ 16) without taking them; zeros past the data.
    fn peek(&mut self, k: u32) -> u32 {
        if self.n < k {
            self.fill();
        }
        (self.acc >> (64 - k)) as u32
    }

    fn skip(&mut self, k: u32) {
        if self.n < k {
            self.fill();
        }
        if self.n < k {
            self.missing += u64::from(k - self.n);
            self.acc = 0;
            self.n = 0;
        } else {
            self.acc <<= k;
            self.n -= k;
        }
    }

    fn get(&mut self, k: u32) -> u32 {
        if k == 0 {
            return 0;
        }
        let v = self.peek(k);
        self.skip(k);
        v
    }

    fn decode(&mut self, h: &Huffman) -> Result<u8, JpegError> {
        let look = self.peek(FAST_BITS as u32) as usize;
        let (len, sym) = h.fast[look];
        if len > 0 {
            self.skip(u32::from(len));
            return Ok(sym);
        }
        let code = self.peek(16) as i32;
        for len in FAST_BITS + 1..=16 {
            let c = code >> (16 - len);
            if c <= h.max_code[len] {
                self.skip(len as u32);
                let i = h.first_index[len] + (c - h.first_code[len]) as usize;
                return h
                    .symbols
                    .get(i)
                    .copied()
                    .ok_or(JpegError::HuffmanSymbolMissing);
            }
        }
        Err(JpegError::DamagedHuffmanCode)
    }

    /// At a restart interval's end: the rest of the byte is padding, then `RSTn`
    /// (stray bytes before it are passed over, as decoders do).
    fn restart(&mut self) -> Result<(), JpegError> {
        self.acc = 0;
        self.n = 0;
        self.pos = next_marker(self.data, self.pos);
        match (self.data.get(self.pos), self.data.get(self.pos + 1)) {
            (Some(0xFF), Some(0xD0..=0xD7)) => {
                self.pos += 2;
                self.at_marker = false;
                Ok(())
            }
            _ => Err(JpegError::NoRestartMarker),
        }
    }

    /// Where the data ends: the offset of the marker after it.
    fn end(&self) -> usize {
        next_marker(self.data, self.pos)
    }
}

/// The offset of the first marker at or after `from` (an `FF` not followed by `00`).
fn next_marker(b: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < b.len() {
        if b[i] == 0xFF && b.get(i + 1) != Some(&0x00) {
            return i;
        }
        i += 1;
    }
    b.len()
}

/// The state of a walk: frame, tables, and the refinement masks.
#[derive(Default)]
struct Walk {
    frame: Option<(usize, usize, Vec<Component>)>,
    progressive: bool,
    dc: [Option<Huffman>; 4],
    ac: [Option<Huffman>; 4],
    restart: usize,
    /// Per component, per block: which AC coefficients are non-zero (progressive).
    nonzero: Vec<Vec<u64>>,
    /// Per component, per coefficient: the lowest bit position sent so far
    /// ([`NOT_SENT`]: none). A whole image has every component's DC, and every
    /// coefficient it sends, down to bit 0.
    sent: Vec<[u8; 64]>,
}

const NOT_SENT: u8 = 0xFF;

impl Walk {
    /// At the end of the image: every component sent, every coefficient refined to
    /// its last bit (a progressive JPEG cut short between two scans has every scan
    /// whole, but not the last ones).
    fn whole(&self) -> Result<(), JpegError> {
        for sent in &self.sent {
            if sent[0] == NOT_SENT {
                return Err(JpegError::ComponentNeverSent);
            }
            if sent.iter().any(|&al| al != NOT_SENT && al > 0) {
                return Err(JpegError::RefinementMissing);
            }
        }
        Ok(())
    }
}

/// Checks a whole JPEG (see the module comment).
pub fn check(b: &[u8]) -> Result<(), JpegError> {
    if !b.starts_with(&[0xFF, 0xD8]) {
        return Err(JpegError::NotAJpeg);
    }
    let mut w = Walk::default();
    let mut i = 2;
    let mut scans = 0;
    loop {
        // Markers may be preceded by fill bytes 0xFF.
        while b.get(i) == Some(&0xFF) && b.get(i + 1) == Some(&0xFF) {
            i += 1;
        }
        let (Some(&0xFF), Some(&marker)) = (b.get(i), b.get(i + 1)) else {
            return Err(cut_short(i, b.len()));
        };
        if marker == 0xD9 {
            if scans == 0 {
                return Err(JpegError::NoScan);
            }
            return w.whole();
        }
        if matches!(marker, 0x01 | 0xD0..=0xD7) {
            i += 2; // markers without a length
            continue;
        }
        let len = match (b.get(i + 2), b.get(i + 3)) {
            (Some(&h), Some(&l)) => usize::from(u16::from_be_bytes([h, l])),
            _ => return Err(cut_short(i, b.len())),
        };
        if len < 2 {
            return Err(JpegError::BadSegmentLength { len, at: i });
        }
        let Some(payload) = b.get(i + 4..i + 2 + len) else {
            return Err(cut_short(i, b.len()));
        };
        i += 2 + len;
        match marker {
            0xC4 => w.tables(payload)?,
            0xDD => {
                let r = payload.get(..2).ok_or(JpegError::DamagedRestartInterval)?;
                w.restart = usize::from(u16::from_be_bytes([r[0], r[1]]));
            }
            0xC0..=0xCF if marker != 0xC8 && marker != 0xCC => {
                if !SUPPORTED_FRAMES.contains(&marker) {
                    return Err(JpegError::UnsupportedCoding { marker });
                }
                if w.frame.is_some() {
                    return Err(JpegError::TwoFrames);
                }
                w.progressive = marker == 0xC2;
                w.start_frame(payload)?;
            }
            0xDA => {
                i = w.scan(b, payload, i)?;
                scans += 1;
            }
            _ => {} // APPn, COM, DQT, DNL…: their payloads do not concern the walk
        }
    }
}

fn cut_short(at: usize, len: usize) -> JpegError {
    if at >= len {
        JpegError::CutShort
    } else {
        JpegError::NoMarker { at }
    }
}

fn frame_kind(marker: u8) -> &'static str {
    match marker {
        0xC3 | 0xC7 | 0xCB | 0xCF => "lossless",
        0xC5..=0xC7 | 0xCD..=0xCF => "hierarchical",
        _ => "arithmetic-coded",
    }
}

impl Walk {
    /// DHT: one or more tables.
    fn tables(&mut self, mut p: &[u8]) -> Result<(), JpegError> {
        while !p.is_empty() {
            let class_id = p[0];
            let counts: [u8; 16] = p
                .get(1..17)
                .and_then(|c| c.try_into().ok())
                .ok_or(JpegError::DamagedHuffmanTable)?;
            let n: usize = counts.iter().map(|&c| usize::from(c)).sum();
            let symbols = p.get(17..17 + n).ok_or(JpegError::DamagedHuffmanTable)?;
            let id = usize::from(class_id & 0x0F);
            if id > 3 || class_id >> 4 > 1 {
                return Err(JpegError::BadHuffmanTableId);
            }
            let table = Some(Huffman::new(&counts, symbols)?);
            if class_id >> 4 == 0 {
                self.dc[id] = table;
            } else {
                self.ac[id] = table;
            }
            p = &p[17 + n..];
        }
        Ok(())
    }

    /// SOFn: size, precision and components.
    fn start_frame(&mut self, p: &[u8]) -> Result<(), JpegError> {
        let bad = || JpegError::DamagedFrameHeader;
        let precision = *p.first().ok_or_else(bad)?;
        if precision != 8 {
            return Err(JpegError::Precision { bits: precision });
        }
        let height = usize::from(u16::from_be_bytes([
            *p.get(1).ok_or_else(bad)?,
            *p.get(2).ok_or_else(bad)?,
        ]));
        let width = usize::from(u16::from_be_bytes([
            *p.get(3).ok_or_else(bad)?,
            *p.get(4).ok_or_else(bad)?,
        ]));
        let n = usize::from(*p.get(5).ok_or_else(bad)?);
        if width == 0 || height == 0 {
            return Err(JpegError::NoSize);
        }
        if !matches!(n, 1 | 3 | 4) {
            return Err(JpegError::Components { n });
        }
        let mut comps = Vec::with_capacity(n);
        for k in 0..n {
            let c = p.get(6 + 3 * k..9 + 3 * k).ok_or_else(bad)?;
            let (h, v) = (usize::from(c[1] >> 4), usize::from(c[1] & 0x0F));
            if !(1..=4).contains(&h) || !(1..=4).contains(&v) {
                return Err(JpegError::BadSampling);
            }
            if comps.iter().any(|x: &Component| x.id == c[0]) {
                return Err(JpegError::DuplicateComponent);
            }
            comps.push(Component {
                id: c[0],
                h,
                v,
                ..Default::default()
            });
        }
        let hmax = comps.iter().map(|c| c.h).max().unwrap_or(1);
        let vmax = comps.iter().map(|c| c.v).max().unwrap_or(1);
        for c in &mut comps {
            c.blocks_w = (width * c.h).div_ceil(hmax).div_ceil(8);
            c.blocks_h = (height * c.v).div_ceil(vmax).div_ceil(8);
        }
        self.sent = vec![[NOT_SENT; 64]; comps.len()];
        self.frame = Some((width, height, comps));
        Ok(())
    }

    /// SOS and its entropy-coded data; returns the offset just past the data.
    fn scan(&mut self, b: &[u8], p: &[u8], data: usize) -> Result<usize, JpegError> {
        let bad = || JpegError::DamagedScanHeader;
        let (width, height, comps) = self.frame.clone().ok_or(JpegError::ScanBeforeFrame)?;
        let ns = usize::from(*p.first().ok_or_else(bad)?);
        if ns == 0 || ns > 4 {
            return Err(bad());
        }
        let mut members = Vec::with_capacity(ns);
        for k in 0..ns {
            let s = p.get(1 + 2 * k..3 + 2 * k).ok_or_else(bad)?;
            let ci = comps
                .iter()
                .position(|c| c.id == s[0])
                .ok_or(JpegError::UnknownComponent)?;
            members.push((ci, usize::from(s[1] >> 4), usize::from(s[1] & 0x0F)));
        }
        let tail = p.get(1 + 2 * ns..4 + 2 * ns).ok_or_else(bad)?;
        let (ss, se, ah) = (usize::from(tail[0]), usize::from(tail[1]), tail[2] >> 4);
        let dc_and_ac = ss == 0 && se > 0;
        if se > 63 || ss > se || (self.progressive && (dc_and_ac || (ss > 0 && ns != 1))) {
            return Err(JpegError::BadSpectralSelection);
        }
        if !self.progressive && (ss != 0 || se != 63 || tail[2] != 0) {
            return Err(JpegError::ProgressiveParameters);
        }
        for &(_, td, ta) in &members {
            let needs_dc = ss == 0 && ah == 0;
            let needs_ac = se > 0;
            if td > 3 || ta > 3 {
                return Err(bad());
            }
            if (needs_dc && self.dc[td].is_none()) || (needs_ac && self.ac[ta].is_none()) {
                return Err(JpegError::UndefinedTable);
            }
        }
        let al = tail[2] & 0x0F;
        for &(ci, _, _) in &members {
            for k in ss..=se {
                let sent = &mut self.sent[ci][k];
                *sent = (*sent).min(if self.progressive { al } else { 0 });
            }
        }
        let hmax = comps.iter().map(|c| c.h).max().unwrap_or(1);
        let vmax = comps.iter().map(|c| c.v).max().unwrap_or(1);
        let mut bits = Bits::new(b, data);
        let kind = Kind::of(self.progressive, ss, ah);
        if matches!(kind, Kind::AcFirst | Kind::AcRefine) && self.nonzero.is_empty() {
            self.nonzero = comps
                .iter()
                .map(|c| vec![0u64; c.blocks_w * c.blocks_h])
                .collect();
        }
        // The MCUs of the scan, each a list of (component, block column, block row).
        let (mcus_x, mcus_y) = if ns == 1 {
            let c = &comps[members[0].0];
            (c.blocks_w, c.blocks_h)
        } else {
            (width.div_ceil(8 * hmax), height.div_ceil(8 * vmax))
        };
        let total = mcus_x * mcus_y;
        let mut eobrun = 0u32;
        let mut blocks = 0usize;
        for m in 0..total {
            if self.restart > 0 && m > 0 && m % self.restart == 0 {
                bits.restart()?;
                eobrun = 0;
            }
            let (mx, my) = (m % mcus_x, m / mcus_x);
            for &(ci, td, ta) in &members {
                let c = comps[ci];
                let (bw, bh) = if ns == 1 { (1, 1) } else { (c.h, c.v) };
                for by in 0..bh {
                    for bx in 0..bw {
                        let (col, row) = (mx * bw + bx, my * bh + by);
                        let mask = if kind == Kind::AcFirst || kind == Kind::AcRefine {
                            self.nonzero
                                .get_mut(ci)
                                .and_then(|v| v.get_mut(row * c.blocks_w + col))
                        } else {
                            None
                        };
                        let (dc, ac) = (self.dc[td].as_ref(), self.ac[ta].as_ref());
                        match kind {
                            Kind::Sequential => sequential(&mut bits, dc, ac)?,
                            Kind::DcFirst => dc_first(&mut bits, dc)?,
                            Kind::DcRefine => bits.skip(1),
                            Kind::AcFirst => ac_first(&mut bits, ac, (ss, se), &mut eobrun, mask)?,
                            Kind::AcRefine => {
                                ac_refine(&mut bits, ac, (ss, se), &mut eobrun, mask)?
                            }
                        }
                        blocks += 1;
                    }
                }
            }
            if bits.missing > 0 {
                return Err(JpegError::ScanCutShort {
                    blocks,
                    of: total_blocks(total, &members, &comps, ns),
                });
            }
        }
        Ok(bits.end())
    }
}

fn total_blocks(
    mcus: usize,
    members: &[(usize, usize, usize)],
    comps: &[Component],
    ns: usize,
) -> usize {
    if ns == 1 {
        return mcus;
    }
    mcus * members
        .iter()
        .map(|&(ci, _, _)| comps[ci].h * comps[ci].v)
        .sum::<usize>()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Sequential,
    DcFirst,
    DcRefine,
    AcFirst,
    AcRefine,
}

impl Kind {
    fn of(progressive: bool, ss: usize, ah: u8) -> Kind {
        match (progressive, ss, ah) {
            (false, _, _) => Kind::Sequential,
            (true, 0, 0) => Kind::DcFirst,
            (true, 0, _) => Kind::DcRefine,
            (true, _, 0) => Kind::AcFirst,
            (true, _, _) => Kind::AcRefine,
        }
    }
}

/// A sequential block: DC difference, then AC run/size codes up to end-of-block.
fn sequential(
    bits: &mut Bits,
    dc: Option<&Huffman>,
    ac: Option<&Huffman>,
) -> Result<(), JpegError> {
    dc_first(bits, dc)?;
    let ac = ac.ok_or(JpegError::UndefinedTable)?;
    let mut k = 1;
    while k < 64 {
        let rs = bits.decode(ac)?;
        let (r, s) = (usize::from(rs >> 4), u32::from(rs & 0x0F));
        if s == 0 {
            if r != 15 {
                break;
            }
            k += 16;
        } else {
            bits.skip(s);
            k += r + 1;
        }
    }
    Ok(())
}

fn dc_first(bits: &mut Bits, dc: Option<&Huffman>) -> Result<(), JpegError> {
    let s = u32::from(bits.decode(dc.ok_or(JpegError::UndefinedTable)?)?);
    if s > 15 {
        return Err(JpegError::DamagedDc);
    }
    bits.skip(s);
    Ok(())
}

/// The first pass over AC coefficients `ss..=se` of a progressive JPEG (T.81 G.1.2.2),
/// noting which become non-zero.
fn ac_first(
    bits: &mut Bits,
    ac: Option<&Huffman>,
    (ss, se): (usize, usize),
    eobrun: &mut u32,
    mut mask: Option<&mut u64>,
) -> Result<(), JpegError> {
    if *eobrun > 0 {
        *eobrun -= 1;
        return Ok(());
    }
    let ac = ac.ok_or(JpegError::UndefinedTable)?;
    let mut k = ss;
    while k <= se {
        let rs = bits.decode(ac)?;
        let (r, s) = (usize::from(rs >> 4), u32::from(rs & 0x0F));
        if s == 0 {
            if r < 15 {
                *eobrun = (1u32 << r) - 1 + bits.get(r as u32);
                break;
            }
            k += 16;
        } else {
            k += r;
            bits.skip(s);
            if let Some(m) = mask.as_deref_mut() {
                if k < 64 {
                    *m |= 1 << k;
                }
            }
            k += 1;
        }
    }
    Ok(())
}

/// A refinement pass over AC coefficients `ss..=se` (T.81 G.1.2.3): a correction bit
/// for each coefficient already non-zero, and newly non-zero ones placed among the
/// zero ones.
fn ac_refine(
    bits: &mut Bits,
    ac: Option<&Huffman>,
    (ss, se): (usize, usize),
    eobrun: &mut u32,
    mask: Option<&mut u64>,
) -> Result<(), JpegError> {
    let mut spare = 0u64;
    let m = mask.unwrap_or(&mut spare);
    let ac = ac.ok_or(JpegError::UndefinedTable)?;
    let mut k = ss;
    if *eobrun == 0 {
        while k <= se {
            let rs = bits.decode(ac)?;
            let (mut r, s) = (i32::from(rs >> 4), rs & 0x0F);
            let mut newly = false;
            if s == 0 {
                if r < 15 {
                    *eobrun = (1u32 << r) + bits.get(r as u32);
                    break;
                }
            } else {
                if s != 1 {
                    return Err(JpegError::DamagedRefinement);
                }
                bits.skip(1);
                newly = true;
            }
            while k <= se {
                if *m & (1 << k) != 0 {
                    bits.skip(1);
                } else {
                    if r == 0 {
                        if newly {
                            *m |= 1 << k;
                        }
                        k += 1;
                        break;
                    }
                    r -= 1;
                }
                k += 1;
            }
        }
    }
    if *eobrun > 0 {
        while k <= se {
            if *m & (1 << k) != 0 {
                bits.skip(1);
            }
            k += 1;
        }
        *eobrun -= 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{check, Huffman, JpegError};

    #[test]
    fn an_over_full_or_short_huffman_table_is_refused_not_a_panic() {
        // Three 1-bit codes: only two exist (found by the fuzz run as a mutated DHT).
        let mut counts = [0u8; 16];
        counts[0] = 3;
        assert_eq!(
            Huffman::new(&counts, &[1, 2, 3]).err(),
            Some(JpegError::HuffmanOverfull)
        );
        // 255 codes of 8 bits, then 255 of 9 bits: more 9-bit codes than are left, and
        // past the 512 entries of the fast table.
        let mut counts = [0u8; 16];
        counts[8] = 255;
        counts[7] = 255;
        assert_eq!(
            Huffman::new(&counts, &[0; 510]).err(),
            Some(JpegError::HuffmanOverfull)
        );
        // More codes than symbols.
        let mut counts = [0u8; 16];
        counts[1] = 2;
        assert_eq!(
            Huffman::new(&counts, &[7]).err(),
            Some(JpegError::HuffmanTooFewSymbols)
        );
        // A well-formed table is accepted.
        assert!(Huffman::new(&counts, &[7, 8]).is_ok());
    }

    #[test]
    fn what_is_not_a_whole_jpeg_says_why() {
        assert_eq!(check(b"GIF89a"), Err(JpegError::NotAJpeg));
        assert_eq!(check(&[0xFF, 0xD8]), Err(JpegError::CutShort));
        assert_eq!(
            check(&[0xFF, 0xD8, 0x00, 0x00]),
            Err(JpegError::NoMarker { at: 2 })
        );
        assert_eq!(
            check(&[0xFF, 0xD8, 0xFF, 0xD9]).map_err(|e| e.to_string()),
            Err("the JPEG has no image data (it ends before its first scan)".into())
        );
        assert_eq!(
            check(&[0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01]),
            Err(JpegError::BadSegmentLength { len: 1, at: 2 })
        );
        // A lossless frame (SOF3).
        let e = check(&[0xFF, 0xD8, 0xFF, 0xC3, 0x00, 0x02]).unwrap_err();
        assert_eq!(e, JpegError::UnsupportedCoding { marker: 0xC3 });
        assert!(e
            .to_string()
            .starts_with("a JPEG coded as lossless cannot be placed"));
    }
}
