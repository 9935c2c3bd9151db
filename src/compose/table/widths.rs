//! Column widths: given widths are kept; the other columns share what is left by
//! their content, the way a desk sizes a data box: every column at least its widest
//! unbreakable entry, then the room up to each column's widest line shared in
//! proportion to what it still wants, then any room beyond that shared evenly.
//!
//! Pure arithmetic on measured widths (points), no fonts: the shrink search below costs
//! microseconds.

/// What one column asks for, padding included.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Want {
    /// A width the spec gives (already in points), if any.
    pub fixed: Option<f64>,
    /// The widest unbreakable entry and the widest line, padding included.
    pub min: f64,
    pub max: f64,
}

/// The columns' widths for a table `total` wide, or by how much the table is too wide
/// when even the narrowest setting does not fit.
pub fn distribute(wants: &[Want], total: f64) -> Result<Vec<f64>, f64> {
    let fixed: f64 = wants.iter().filter_map(|w| w.fixed).sum();
    let narrowest: f64 = wants.iter().map(|w| w.fixed.unwrap_or(w.min)).sum();
    let tight_fixed = wants
        .iter()
        .filter_map(|w| w.fixed.map(|f| w.min - f))
        .fold(0.0_f64, f64::max);
    if narrowest > total + 1e-6 || tight_fixed > 1e-6 {
        // A given width narrower than its content is as bad as no room at all.
        let over = (narrowest - total).max(0.0) + tight_fixed;
        return Err(over);
    }
    let auto: Vec<usize> = (0..wants.len())
        .filter(|&i| wants[i].fixed.is_none())
        .collect();
    let room = total - fixed;
    let mins: f64 = auto.iter().map(|&i| wants[i].min).sum();
    let maxs: f64 = auto.iter().map(|&i| wants[i].max.max(wants[i].min)).sum();
    let mut out: Vec<f64> = wants.iter().map(|w| w.fixed.unwrap_or(w.min)).collect();
    if auto.is_empty() {
        return Ok(out);
    }
    if maxs <= room {
        let extra = (room - maxs) / auto.len() as f64;
        for &i in &auto {
            out[i] = wants[i].max.max(wants[i].min) + extra;
        }
    } else {
        let share = (room - mins) / (maxs - mins);
        for &i in &auto {
            let w = wants[i];
            out[i] = w.min + (w.max.max(w.min) - w.min) * share;
        }
    }
    Ok(out)
}

/// Widths when nothing fits: every column squeezed in proportion to its narrowest
/// setting (the text then runs past its cell; the caller warns).
pub fn squeeze(wants: &[Want], total: f64) -> Vec<f64> {
    let narrowest: Vec<f64> = wants
        .iter()
        .map(|w| w.fixed.unwrap_or(0.0).max(w.min))
        .collect();
    let sum: f64 = narrowest.iter().sum();
    if sum <= 0.0 {
        return vec![total / wants.len().max(1) as f64; wants.len()];
    }
    narrowest.iter().map(|w| w * total / sum).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn auto(min: f64, max: f64) -> Want {
        Want {
            fixed: None,
            min,
            max,
        }
    }

    #[test]
    fn room_beyond_the_widest_lines_is_shared_evenly() {
        let w = distribute(&[auto(10.0, 20.0), auto(5.0, 10.0)], 40.0).unwrap();
        assert_eq!(w, vec![25.0, 15.0]);
    }

    #[test]
    fn short_of_the_widest_lines_columns_get_their_minimum_and_a_share() {
        let w = distribute(&[auto(10.0, 30.0), auto(10.0, 10.0)], 30.0).unwrap();
        assert_eq!(w, vec![20.0, 10.0]);
    }

    #[test]
    fn given_widths_are_kept_and_too_narrow_is_reported() {
        let fixed = Want {
            fixed: Some(12.0),
            min: 8.0,
            max: 8.0,
        };
        let w = distribute(&[fixed, auto(5.0, 10.0)], 30.0).unwrap();
        assert_eq!(w, vec![12.0, 18.0]);
        assert_eq!(
            distribute(&[auto(20.0, 30.0), auto(15.0, 15.0)], 30.0),
            Err(5.0)
        );
    }
}
