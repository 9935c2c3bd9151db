//! The quality report (issue #3 §8), computed from the composed lines themselves — what
//! a reader would measure on the page, not what the breaker intended: kinsoku
//! violations at the chosen level, overfull lines, flushness, per-line adjustment, the
//! spread of inter-ideograph gaps, adjacent punctuation pairs and 孤字.

use super::options::Options;
use super::Line;
use crate::text::{self, class_of, is_wide};
use serde::Serialize;

/// A justified line counts as flush within this share of an em (the bar).
const FLUSH_EM: f64 = 0.05;
/// A line stretched more than this per gap is loose (cjk-rules.md §4.3).
pub const LOOSE_EM: f64 = 0.25;
/// Tolerance for "no wider than the measure".
const OVERFULL_PT: f64 = 1e-6;

/// One line's adjustment.
#[derive(Clone, Debug, Default, Serialize)]
pub struct LineReport {
    /// Measure minus natural width, in em of the line's size.
    pub adjustment_em: f64,
    /// Adjustment ratio (see [`Line::ratio`]).
    pub ratio: f64,
    /// Inter-character expansion per gap, in em.
    pub expansion_em: f64,
}

/// Quality figures for a set of lines (one paragraph or many: [`LineStats::merge`]).
#[derive(Clone, Debug, Default, Serialize)]
pub struct LineStats {
    /// Lines measured.
    pub lines: usize,
    /// Paragraphs measured (a line with `last` ends one).
    pub paragraphs: usize,
    /// Lines set justified (a paragraph's last line usually is not).
    pub justified_lines: usize,
    /// Justified lines whose end is within 0.05 em of the measure.
    pub flush_lines: usize,
    /// The largest distance of a justified line's end from the measure, in em of that
    /// line's largest type size (0 when there is no justified line).
    pub max_flush_error_em: f64,
    /// Lines with a glyph past the measure (a hung mark does not count).
    pub overfull_lines: usize,
    /// Lines ending in a punctuation mark hung past the measure (ぶら下げ).
    pub hung_marks: usize,
    /// Line breaks the strictness level forbids, with the text around them.
    pub kinsoku_violations: usize,
    /// One per violation: up to four characters either side of the break, written
    /// `before|after`.
    pub violations: Vec<String>,
    /// Gaps between two adjacent ideographs on every line, in em — what a measurement
    /// of the printed page sees (last lines, set solid, included).
    pub ideograph_gaps: usize,
    /// Mean of those gaps, in em of the first ideograph's size.
    pub gap_mean_em: f64,
    /// Standard deviation of those gaps, in em: how evenly the text is spaced.
    pub gap_std_em: f64,
    /// The widest of those gaps, in em.
    pub gap_max_em: f64,
    /// The same over justified lines only.
    pub justified_gaps: usize,
    /// Standard deviation of the gaps on justified lines, in em.
    pub justified_gap_std_em: f64,
    /// Adjacent full-width marks on one line, and how many are set within the target.
    pub adjacent_pairs: usize,
    /// Of `adjacent_pairs`, those whose two marks take no more than the `adjacent`
    /// option's width (in em of the larger size).
    pub adjacent_compressed: usize,
    /// Paragraphs (of two lines or more) ending in a line with a single ideograph.
    pub orphans: usize,
    /// Gaps between an ideograph and a Latin letter or European digit, and the widest,
    /// in em (cjk-rules.md §6.1: house space plus the line's per-gap expansion).
    pub han_latin_gaps: usize,
    /// The widest ideograph–Latin gap, in em of the first glyph's size.
    pub han_latin_gap_max_em: f64,
    /// The widest gap between two letters or digits of one Latin word or number, in em:
    /// kerning only, never letter-spacing (cjk-rules.md §6.2).
    pub latin_tracking_max_em: f64,
    /// Justified lines stretched more than 0.25 em per gap (cjk-rules.md §4.3), and
    /// the largest per-gap stretch of any justified line, in em.
    pub loose_lines: usize,
    /// The largest per-gap stretch of any justified line, in em of its size.
    pub max_stretch_em: f64,
    /// Lines broken inside a word at a hyphenation point.
    pub hyphenated_lines: usize,
    /// Each line's adjustment, in the order measured.
    pub per_line: Vec<LineReport>,
    // Running sums behind the means and deviations (for `merge`), not reported.
    #[serde(skip)]
    gap_sum: f64,
    #[serde(skip)]
    gap_sq_sum: f64,
    #[serde(skip)]
    jgap_sum: f64,
    #[serde(skip)]
    jgap_sq_sum: f64,
}

/// Measures `lines` (whole paragraphs, in order: a line with `last` ends one) as set
/// with `opts`.
pub fn stats(lines: &[Line], opts: &Options) -> LineStats {
    let mut s = LineStats::default();
    let mut start = 0;
    for (i, line) in lines.iter().enumerate() {
        if line.last || i + 1 == lines.len() {
            s.paragraph(&lines[start..=i], opts);
            start = i + 1;
        }
    }
    s.finish();
    s
}

impl LineStats {
    /// Adds another report (e.g. the next paragraph's).
    pub fn merge(&mut self, o: &LineStats) {
        self.lines += o.lines;
        self.paragraphs += o.paragraphs;
        self.justified_lines += o.justified_lines;
        self.flush_lines += o.flush_lines;
        self.max_flush_error_em = self.max_flush_error_em.max(o.max_flush_error_em);
        self.overfull_lines += o.overfull_lines;
        self.hung_marks += o.hung_marks;
        self.kinsoku_violations += o.kinsoku_violations;
        self.violations.extend(o.violations.iter().cloned());
        self.ideograph_gaps += o.ideograph_gaps;
        self.gap_sum += o.gap_sum;
        self.gap_sq_sum += o.gap_sq_sum;
        self.justified_gaps += o.justified_gaps;
        self.jgap_sum += o.jgap_sum;
        self.jgap_sq_sum += o.jgap_sq_sum;
        self.gap_max_em = self.gap_max_em.max(o.gap_max_em);
        self.adjacent_pairs += o.adjacent_pairs;
        self.adjacent_compressed += o.adjacent_compressed;
        self.orphans += o.orphans;
        self.han_latin_gaps += o.han_latin_gaps;
        self.han_latin_gap_max_em = self.han_latin_gap_max_em.max(o.han_latin_gap_max_em);
        self.latin_tracking_max_em = self.latin_tracking_max_em.max(o.latin_tracking_max_em);
        self.loose_lines += o.loose_lines;
        self.max_stretch_em = self.max_stretch_em.max(o.max_stretch_em);
        self.hyphenated_lines += o.hyphenated_lines;
        self.per_line.extend(o.per_line.iter().cloned());
        self.finish();
    }

    fn finish(&mut self) {
        let std = |n: usize, sum: f64, sq: f64| {
            let n = n.max(1) as f64;
            let mean = sum / n;
            (mean, (sq / n - mean * mean).max(0.0).sqrt())
        };
        (self.gap_mean_em, self.gap_std_em) =
            std(self.ideograph_gaps, self.gap_sum, self.gap_sq_sum);
        self.justified_gap_std_em = std(self.justified_gaps, self.jgap_sum, self.jgap_sq_sum).1;
    }

    fn paragraph(&mut self, lines: &[Line], opts: &Options) {
        self.paragraphs += 1;
        for line in lines {
            self.line(line, opts);
        }
        self.kinsoku(lines, opts);
        if lines.len() > 1 && lines.last().is_some_and(is_orphan_line) {
            self.orphans += 1;
        }
    }

    fn line(&mut self, line: &Line, opts: &Options) {
        self.lines += 1;
        let em = line.size.0.max(1e-9);
        self.per_line.push(LineReport {
            adjustment_em: line.adjustment.0 / em,
            ratio: line.ratio,
            expansion_em: line.expansion.0 / em,
        });
        if line.justified {
            let stretch = line.expansion.0 / em;
            self.max_stretch_em = self.max_stretch_em.max(stretch);
            self.loose_lines += usize::from(stretch > LOOSE_EM + 1e-9);
        }
        self.hyphenated_lines += usize::from(line.hyphenated);
        if line.justified {
            self.justified_lines += 1;
            let err = (line.width.0 - line.measure.0).abs() / em;
            self.max_flush_error_em = self.max_flush_error_em.max(err);
            if err <= FLUSH_EM {
                self.flush_lines += 1;
            }
        }
        let hung = line.hung.then(|| last_visible(line)).flatten();
        self.hung_marks += usize::from(hung.is_some());
        let over =
            line.glyphs.iter().enumerate().any(|(i, g)| {
                Some(i) != hung && (g.x + g.advance).0 > line.measure.0 + OVERFULL_PT
            });
        self.overfull_lines += usize::from(over);
        for pair in line.glyphs.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let (ca, cb) = (first_char(&a.text), first_char(&b.text));
            if class_of(ca).is_ideographic() && class_of(cb).is_ideographic() {
                let gap = (b.frame_x - (a.x + a.advance)).0 / a.size.0;
                self.ideograph_gaps += 1;
                self.gap_sum += gap;
                self.gap_sq_sum += gap * gap;
                self.gap_max_em = self.gap_max_em.max(gap);
                if line.justified {
                    self.justified_gaps += 1;
                    self.jgap_sum += gap;
                    self.jgap_sq_sum += gap * gap;
                }
            }
            let gap_em = (b.frame_x - (a.x + a.advance)).0 / a.size.0;
            let (ka, kb) = (class_of(ca), class_of(cb));
            if (ka.is_ideographic() && kb.is_western()) || (ka.is_western() && kb.is_ideographic())
            {
                self.han_latin_gaps += 1;
                self.han_latin_gap_max_em = self.han_latin_gap_max_em.max(gap_em);
            }
            if ka.is_western() && kb.is_western() && !a.text.is_empty() && !b.text.is_empty() {
                self.latin_tracking_max_em = self.latin_tracking_max_em.max(gap_em);
            }
            if full_width_mark(ca) && full_width_mark(cb) {
                self.adjacent_pairs += 1;
                let span = (b.x + b.advance - a.frame_x).0;
                let limit = opts.adjacent.em() * a.size.0.max(b.size.0);
                if span <= limit + 0.01 * em {
                    self.adjacent_compressed += 1;
                }
            }
        }
    }

    /// Every line break must be a break opportunity at the level.
    fn kinsoku(&mut self, lines: &[Line], opts: &Options) {
        let text: String = lines.iter().map(Line::text).collect();
        let analysis = text::analyze(&text, opts.strictness);
        let mut pos = 0;
        for line in &lines[..lines.len().saturating_sub(1)] {
            pos += line.text().len();
            if line.hyphenated {
                continue; // a dictionary hyphenation point, not a line-break opportunity
            }
            // The boundaries are in text order: a binary search keeps a paragraph of
            // 100,000 lines linear (a scan per line would not be).
            let ok = analysis
                .binary_search_by_key(&pos, |b| b.pos)
                .is_ok_and(|i| analysis[i].allowed);
            if !ok {
                self.kinsoku_violations += 1;
                let before: String = text[..pos]
                    .chars()
                    .rev()
                    .take(4)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                let after: String = text[pos..].chars().take(4).collect();
                self.violations.push(format!("{before}|{after}"));
            }
        }
    }
}

fn first_char(s: &str) -> char {
    s.chars().next().unwrap_or(' ')
}

/// A mark with an adjustable blank, set full width in Chinese text.
fn full_width_mark(c: char) -> bool {
    class_of(c).has_blank() && (is_wide(c) || matches!(c, '“' | '”' | '‘' | '’'))
}

fn last_visible(line: &Line) -> Option<usize> {
    line.glyphs.iter().rposition(|g| !g.text.trim().is_empty())
}

/// 孤字: a last line with exactly one ideograph and otherwise only marks and spaces.
fn is_orphan_line(line: &Line) -> bool {
    let mut ideographs = 0;
    for g in &line.glyphs {
        let k = class_of(first_char(&g.text));
        if k.is_ideographic() {
            ideographs += 1;
        } else if k.is_letter_like() {
            return false;
        }
    }
    ideographs == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orphan_line_is_one_ideograph_plus_marks() {
        let g = |t: &str| super::super::PlacedGlyph {
            font: crate::fonts::FontId(0),
            size: crate::units::Pt(10.0),
            gid: 1,
            x: crate::units::Pt(0.0),
            advance: crate::units::Pt(10.0),
            text: t.into(),
            frame_x: crate::units::Pt(0.0),
            rise: crate::units::Pt(0.0),
            orientation: super::super::Orientation::Upright,
        };
        let line = |ts: &[&str]| Line {
            glyphs: ts.iter().map(|t| g(t)).collect(),
            measure: crate::units::Pt(100.0),
            width: crate::units::Pt(20.0),
            size: crate::units::Pt(10.0),
            last: true,
            justified: false,
            hung: false,
            hyphenated: false,
            adjustment: crate::units::Pt(0.0),
            ratio: 0.0,
            expansion: crate::units::Pt(0.0),
            start: 0,
            end: 0,
        };
        assert!(is_orphan_line(&line(&["好", "。", "”"])));
        assert!(!is_orphan_line(&line(&["好", "了"])));
        assert!(!is_orphan_line(&line(&["5", "。"])));
    }
}
