//! Colour operators and the special colour spaces behind them.
//!
//! In: display-list [`Color`]s. Out: content-stream operators and, for spot inks and the
//! registration colour, `/Separation` colour spaces:
//! - process CMYK: `c m y k k` (fill) / `K` (stroke), DeviceCMYK;
//! - a spot ink: `/CS<n> cs <tint> scn` with
//!   `[/Separation /<ink> /DeviceCMYK <tint → tint × alternate>]`;
//! - registration: `/CSAll cs 1 scn` with `[/Separation /All /DeviceCMYK …]`, which
//!   a RIP prints on every plate (ISO 32000-1 §8.6.6.4).

use super::content::{push_fixed, PageResources};
use crate::diag::Code;
use crate::diag::Diagnostic;
use crate::display::{Cmyk, Color, Document, Item};
use pdf_writer::{Chunk, Finish, Name, Ref};

/// Decimal places of colour components: 0.01 % of a tint.
const COLOR_DECIMALS: u32 = 4;

/// A special colour space a page may use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SpecialSpace {
    /// The document's spot colour with this index.
    Spot(u16),
    /// The registration colour.
    All,
}

impl SpecialSpace {
    /// Resource name in a page's `/ColorSpace` dictionary.
    pub fn name(self) -> String {
        match self {
            SpecialSpace::Spot(i) => format!("CS{i}"),
            SpecialSpace::All => "CSAll".into(),
        }
    }
}

/// Checks that every spot colour the pages use exists: a bad index is an error here
/// rather than a dangling resource in the PDF.
pub fn check(doc: &Document) -> Result<(), Diagnostic> {
    let n = doc.spots.len();
    for (pi, page) in doc.pages.iter().enumerate() {
        for item in &page.items {
            for color in item_colors(item) {
                if let Color::Spot { spot, .. } = color {
                    if usize::from(spot) >= n {
                        return Err(Diagnostic::new(
                            Code::PdfInternal,
                            format!("spot colour {spot} of {n} is used"),
                        )
                        .context(format!("page {}", pi + 1)));
                    }
                }
            }
        }
    }
    Ok(())
}

fn item_colors(item: &Item) -> Vec<Color> {
    match item {
        Item::Text(run) => vec![run.color],
        Item::Rect(r) => r
            .fill
            .into_iter()
            .chain(r.stroke.map(|s| s.color))
            .collect(),
        Item::Line(l) => vec![l.stroke.color],
        Item::Circle(c) => c
            .fill
            .into_iter()
            .chain(c.stroke.map(|s| s.color))
            .collect(),
        Item::Image(_) | Item::Graphic(_) | Item::Span(_) | Item::EndSpan => Vec::new(),
    }
}

/// Writes the operators that make `color` the current fill (or stroke) colour, given
/// the one in force, and notes the colour space the page then needs.
pub fn push_color(
    out: &mut String,
    res: &mut PageResources,
    (color, current): (Color, Option<Color>),
    stroke: bool,
) {
    let (space_op, color_op) = if stroke { ("CS", "SCN") } else { ("cs", "scn") };
    match color {
        Color::Process(c) => {
            push_cmyk(out, c);
            out.push_str(if stroke { " K\n" } else { " k\n" });
        }
        Color::Spot { spot, tint } => {
            let same_space = matches!(current, Some(Color::Spot { spot: s, .. }) if s == spot);
            let space = SpecialSpace::Spot(spot);
            if !same_space {
                push_space(out, res, space, space_op);
            }
            push_component(out, tint);
            out.push(' ');
            out.push_str(color_op);
            out.push('\n');
        }
        Color::Registration => {
            push_space(out, res, SpecialSpace::All, space_op);
            out.push_str("1 ");
            out.push_str(color_op);
            out.push('\n');
        }
    }
}

fn push_space(out: &mut String, res: &mut PageResources, space: SpecialSpace, op: &str) {
    res.color_spaces.insert(space);
    out.push('/');
    out.push_str(&space.name());
    out.push(' ');
    out.push_str(op);
    out.push('\n');
}

/// The four components, clamped to 0..=1 (NaN counts as 0).
pub fn push_cmyk(out: &mut String, c: Cmyk) {
    for (i, v) in [c.c, c.m, c.y, c.k].into_iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        push_component(out, v);
    }
}

fn push_component(out: &mut String, v: f64) {
    let v = if v.is_nan() { 0.0 } else { v.clamp(0.0, 1.0) };
    let n = (v * 10f64.powi(COLOR_DECIMALS as i32)).round() as i64;
    push_fixed(out, n, COLOR_DECIMALS);
}

/// Writes a `/Separation` colour space: `ink` with the process `alternate` at full
/// tint, interpolated linearly to paper white at tint 0.
pub fn write_separation(chunk: &mut Chunk, id: Ref, ink: &str, alternate: Cmyk) {
    let clamp = |v: f64| {
        if v.is_nan() {
            0.0
        } else {
            v.clamp(0.0, 1.0) as f32
        }
    };
    let mut sep = chunk.color_space(id).separation(Name(ink.as_bytes()));
    sep.alternate_color_space().device_cmyk();
    sep.tint_exponential()
        .domain([0.0, 1.0])
        .c0([0.0; 4])
        .c1([alternate.c, alternate.m, alternate.y, alternate.k].map(clamp))
        .n(1.0);
    sep.finish();
}

/// The registration colour: every separation at 100 %; all four process inks on a
/// composite proof.
pub fn write_registration(chunk: &mut Chunk, id: Ref) {
    write_separation(chunk, id, "All", Cmyk::new(1.0, 1.0, 1.0, 1.0));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(colors: &[Color]) -> String {
        let (mut out, mut res) = (String::new(), PageResources::default());
        let mut current = None;
        for &c in colors {
            push_color(&mut out, &mut res, (c, current), false);
            current = Some(c);
        }
        out
    }

    #[test]
    fn colours_are_clamped() {
        let mut s = String::new();
        push_cmyk(&mut s, Cmyk::new(f64::NAN, 1.5, -0.2, 0.12345));
        assert_eq!(s, "0 1 0 0.1235");
    }

    #[test]
    fn a_spot_tint_sets_its_space_once() {
        let a = Color::Spot { spot: 0, tint: 1.0 };
        let b = Color::Spot { spot: 0, tint: 0.4 };
        let c = Color::Spot { spot: 1, tint: 0.4 };
        assert_eq!(
            ops(&[a, b, c, Color::Registration, Color::BLACK]),
            "/CS0 cs\n1 scn\n0.4 scn\n/CS1 cs\n0.4 scn\n/CSAll cs\n1 scn\n0 0 0 1 k\n"
        );
    }
}
