//! Inline SVG charts for the report: plain markup readable without JavaScript, each an image with
//! a `<title>` and a `<desc>` that states every value, referenced by `aria-labelledby`.

use super::escape::{SafeHtml, xml};

/// Width of every chart's view box, in user units. The theme draws a chart at most a little wider
/// than this, and a 360 px phone a little narrower, so the font size below stays readable (about
/// 13.7 CSS px at 360 px wide) instead of shrinking with a wide drawing.
pub const WIDTH: f64 = 360.0;
/// Font size of every label, in user units.
pub const FONT: f64 = 15.0;
/// Estimated advance of one character, in user units (system sans-serif averages about 0.55 em;
/// digits and capitals run wider, so this errs long).
const CHAR: f64 = FONT * 0.6;
/// Height of one text line.
const LINE: f64 = FONT * 1.3;
/// Thickness of a bar.
const BAR: f64 = 12.0;

/// One bar: its label, its length and the value as people read it.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// What the bar stands for (a creator, platform or format).
    pub label: String,
    /// The value the bar's length shows.
    pub value: f64,
    /// The value written beside the bar.
    pub text: String,
}

/// One point of a line chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// Position along the x axis (any unit; scaled to the chart).
    pub x: f64,
    /// The value.
    pub value: f64,
    /// The x position as people read it (a date).
    pub label: String,
    /// The value as people read it.
    pub text: String,
}

fn finite(v: f64) -> f64 {
    if v.is_finite() && v > 0.0 { v } else { 0.0 }
}

/// The estimated drawn width of `s` at the chart's font size.
fn text_width(s: &str) -> f64 {
    s.chars().count() as f64 * CHAR
}

/// `s` cut to fit `room` user units, with an ellipsis when cut (the description keeps it whole).
fn fit(s: &str, room: f64) -> String {
    if text_width(s) <= room {
        return s.to_string();
    }
    let keep = ((room / CHAR).floor() as usize).saturating_sub(1);
    let mut out: String = s.chars().take(keep).collect();
    out.push('…');
    out
}

fn describe<T>(items: &[T], each: impl Fn(&T) -> String) -> String {
    if items.is_empty() {
        return "No data.".to_string();
    }
    let parts: Vec<String> = items.iter().map(each).collect();
    format!("{}.", parts.join("; "))
}

fn open(id: &str, title: &str, desc: &str, height: f64) -> String {
    let id = xml(id);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {WIDTH:.0} {height:.0}\" font-size=\"{FONT:.0}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\"><title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        xml(title),
        xml(desc),
    )
}

fn text(x: f64, y: f64, anchor: &str, s: &str) -> String {
    format!(
        "<text x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"{anchor}\">{}</text>",
        xml(s)
    )
}

/// A bar chart laid out for a narrow column: each bar spans the full width under its label. The
/// values sit on the labels' lines at the right when every pair fits, else each on a line of its
/// own under its label (one layout for the whole chart, so the rows read alike). Its description
/// lists every bar's label and value.
pub fn bar_chart(id: &str, title: &str, bars: &[Bar]) -> SafeHtml {
    let desc = describe(bars, |b| format!("{}: {}", b.label, b.text));
    let max = bars.iter().map(|b| finite(b.value)).fold(0.0, f64::max);
    let one_line = bars
        .iter()
        .all(|b| text_width(&b.label) + CHAR * 2.0 + text_width(&b.text) <= WIDTH);
    let mut body = String::new();
    let mut y = 0.0;
    for b in bars {
        y += LINE;
        if one_line {
            body.push_str(&text(0.0, y - 4.0, "start", &b.label));
            body.push_str(&text(WIDTH, y - 4.0, "end", &b.text));
        } else {
            body.push_str(&text(0.0, y - 4.0, "start", &fit(&b.label, WIDTH)));
            y += LINE;
            body.push_str(&text(0.0, y - 4.0, "start", &fit(&b.text, WIDTH)));
        }
        let len = if max > 0.0 {
            finite(b.value) / max * WIDTH
        } else {
            0.0
        };
        body.push_str(&format!(
            "<rect x=\"0\" y=\"{y:.1}\" width=\"{len:.1}\" height=\"{BAR:.1}\" rx=\"2\" class=\"bar\"/>"
        ));
        y += BAR + 10.0;
    }
    let height = y.max(LINE);
    let mut out = open(id, title, &desc, height);
    out.push_str(&body);
    out.push_str("</svg>");
    SafeHtml::from_escaped(out)
}

/// Round steps for an axis from 0 to `max`: 1, 2, 2.5 or 5 times a power of ten, at most
/// `most` steps.
fn ticks(max: f64, most: usize) -> Vec<f64> {
    if max <= 0.0 || !max.is_finite() {
        return vec![0.0];
    }
    let rough = max / most.max(1) as f64;
    let power = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|s| s * most as f64 >= max)
        .unwrap_or(10.0 * power);
    (0..=most)
        .map(|i| i as f64 * step)
        .take_while(|v| *v <= max + step * 0.001)
        .collect()
}

/// A tick value in few characters: 950, 12k, 1.5M.
fn short(v: f64) -> String {
    let (n, unit) = if v >= 1e9 {
        (v / 1e9, "B")
    } else if v >= 1e6 {
        (v / 1e6, "M")
    } else if v >= 1e3 {
        (v / 1e3, "k")
    } else {
        (v, "")
    };
    let s = if (n - n.round()).abs() < 1e-9 {
        format!("{n:.0}")
    } else {
        format!("{n:.1}")
    };
    format!("{s}{unit}")
}

/// Which points get a date label under the axis: the first and the last, and between them every
/// point whose label clears its neighbours by a gap, read left to right.
fn x_labels(xs: &[(f64, &str)]) -> Vec<usize> {
    let half = |s: &str| text_width(s) / 2.0;
    let gap = CHAR * 2.0;
    let n = xs.len();
    if n == 0 {
        return vec![];
    }
    // The first is drawn from its x to the right, the last up to its x.
    let first_right = xs[0].0 + text_width(xs[0].1);
    let last_left = xs[n - 1].0 - text_width(xs[n - 1].1);
    let mut picked = vec![0];
    if n == 1 {
        return picked;
    }
    let mut right = first_right;
    for (i, (x, label)) in xs.iter().enumerate().take(n - 1).skip(1) {
        if x - half(label) >= right + gap && x + half(label) + gap <= last_left {
            picked.push(i);
            right = x + half(label);
        }
    }
    if last_left >= first_right + gap || picked.len() == 1 {
        picked.push(n - 1);
    }
    picked
}

/// A line chart of points in x order, labelled along both axes: round values on gridlines up
/// the left, dates under the axis at intervals that do not collide. Its description lists every
/// point.
pub fn line_chart(id: &str, title: &str, points: &[Point]) -> SafeHtml {
    let desc = describe(points, |p| format!("{}: {}", p.label, p.text));
    let (left, right, top, bottom) = (4.0, WIDTH - 4.0, LINE + 4.0, 170.0);
    let height = bottom + LINE + 8.0;
    let mut out = open(id, title, &desc, height);
    let max = points.iter().map(|p| finite(p.value)).fold(0.0, f64::max);
    let steps = ticks(max, 3);
    let scale_top = steps.last().copied().unwrap_or(0.0).max(max);
    let y_of = |v: f64| {
        if scale_top > 0.0 {
            bottom - finite(v) / scale_top * (bottom - top)
        } else {
            bottom
        }
    };
    for v in &steps {
        let y = y_of(*v);
        out.push_str(&format!(
            "<line x1=\"0\" y1=\"{y:.1}\" x2=\"{WIDTH:.0}\" y2=\"{y:.1}\" class=\"axis\"/>"
        ));
        if *v > 0.0 {
            out.push_str(&text(0.0, y - 4.0, "start", &short(*v)));
        }
    }
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        out.push_str("</svg>");
        return SafeHtml::from_escaped(out);
    };
    let x0 = if first.x.is_finite() { first.x } else { 0.0 };
    let span = if last.x.is_finite() { last.x - x0 } else { 0.0 };
    let x_of = |p: &Point| {
        if span > 0.0 && p.x.is_finite() {
            left + (p.x - x0) / span * (right - left)
        } else {
            (left + right) / 2.0
        }
    };
    let coords: Vec<String> = points
        .iter()
        .map(|p| format!("{:.1},{:.1}", x_of(p), y_of(p.value)))
        .collect();
    out.push_str(&format!(
        "<polyline points=\"{}\" class=\"line\" fill=\"none\"/>",
        coords.join(" ")
    ));
    for p in points {
        out.push_str(&format!(
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" class=\"dot\"/>",
            x_of(p),
            y_of(p.value)
        ));
    }
    let xs: Vec<(f64, &str)> = points.iter().map(|p| (x_of(p), p.label.as_str())).collect();
    let picked = x_labels(&xs);
    let ly = bottom + LINE;
    for (k, &i) in picked.iter().enumerate() {
        let (x, label) = xs[i];
        let anchor = if points.len() == 1 {
            "middle"
        } else if k == 0 {
            "start"
        } else if i == points.len() - 1 {
            "end"
        } else {
            "middle"
        };
        let tx = match anchor {
            "start" => x.min(WIDTH - text_width(label)).max(0.0),
            "end" => x.max(text_width(label)).min(WIDTH),
            _ => x,
        };
        out.push_str(&format!(
            "<line x1=\"{x:.1}\" y1=\"{bottom:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" class=\"tick\"/>",
            bottom + 5.0
        ));
        out.push_str(&text(tx, ly, anchor, label));
    }
    out.push_str("</svg>");
    SafeHtml::from_escaped(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(svg: &str) -> (String, String, usize) {
        let doc = roxmltree::Document::parse(svg).expect("well-formed SVG");
        let root = doc.root_element();
        assert_eq!(root.attribute("role"), Some("img"));
        let text = |name: &str| {
            root.children()
                .find(|n| n.has_tag_name(name))
                .and_then(|n| n.text())
                .unwrap_or_default()
                .to_string()
        };
        let bars = root
            .descendants()
            .filter(|n| n.has_tag_name("rect"))
            .count();
        (text("title"), text("desc"), bars)
    }

    #[test]
    fn bars_escape_labels_and_describe_every_value() {
        let svg = bar_chart(
            "c1",
            "Reach <by> creator",
            &[
                Bar {
                    label: "Ana & \"Bo\"".into(),
                    value: 300.0,
                    text: "300".into(),
                },
                Bar {
                    label: "Zoé".into(),
                    value: f64::NAN,
                    text: "—".into(),
                },
            ],
        );
        let (title, desc, bars) = parse(&svg);
        assert_eq!(title, "Reach <by> creator");
        assert_eq!(desc, "Ana & \"Bo\": 300; Zoé: —.");
        assert_eq!(bars, 2);
        assert!(svg.contains("aria-labelledby=\"c1-t c1-d\""));
        // The longest bar is the full width; NaN draws nothing.
        assert!(svg.contains("width=\"360.0\""));
        assert!(svg.contains("width=\"0.0\""));
    }

    #[test]
    fn empty_and_single_point_charts_are_well_formed() {
        let (_, desc, bars) = parse(&bar_chart("e", "Empty", &[]));
        assert_eq!((desc.as_str(), bars), ("No data.", 0));
        let (_, desc, _) = parse(&line_chart("l", "Reach", &[]));
        assert_eq!(desc, "No data.");
        let one = line_chart(
            "l",
            "Reach",
            &[Point {
                x: 5.0,
                value: 0.0,
                label: "Mar 12".into(),
                text: "0".into(),
            }],
        );
        let (_, desc, _) = parse(&one);
        assert_eq!(desc, "Mar 12: 0.");
        // One point sits mid-chart on the axis.
        assert!(one.contains("points=\"180.0,170.0\""));
    }

    /// Every `<text>` with its x, anchor and content, and the view box width.
    fn texts(svg: &str) -> (f64, Vec<(f64, String, String)>) {
        let doc = roxmltree::Document::parse(svg).expect("well-formed SVG");
        let root = doc.root_element();
        let vb: Vec<f64> = root
            .attribute("viewBox")
            .unwrap_or_default()
            .split(' ')
            .filter_map(|v| v.parse().ok())
            .collect();
        let all = root
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(|n| {
                (
                    n.attribute("x")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(-1.0),
                    n.attribute("text-anchor").unwrap_or("start").to_string(),
                    n.text().unwrap_or_default().to_string(),
                )
            })
            .collect();
        (vb.get(2).copied().unwrap_or(0.0), all)
    }

    /// The horizontal extent of a label, estimated at 0.6 em a character (as wide as system
    /// sans-serif digits run).
    fn extent(x: f64, anchor: &str, s: &str, font: f64) -> (f64, f64) {
        let w = s.chars().count() as f64 * font * 0.6;
        match anchor {
            "end" => (x - w, x),
            "middle" => (x - w / 2.0, x + w / 2.0),
            _ => (x, x + w),
        }
    }

    #[test]
    fn chart_text_is_readable_on_a_phone() {
        // A 360 px phone leaves 328 px for the chart (1 rem padding each side); the text drawn
        // there must be at least 12 CSS px.
        let svg = bar_chart("c", "Reach", &[]);
        let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
        let root = doc.root_element();
        let font: f64 = root
            .attribute("font-size")
            .and_then(|v| v.parse().ok())
            .expect("a font size on the chart");
        let (width, _) = texts(&svg);
        assert!(
            font * 328.0 / width >= 12.0,
            "{font} in {width} is under 12 px"
        );
    }

    #[test]
    fn bar_labels_sit_above_bars_and_stay_inside() {
        let bars: Vec<Bar> = [
            ("Ana", "1,200 reach, 80 engagements"),
            (
                "A creator with a very long display name indeed, longer than a line",
                "1,431,100 reach, 120,345 engagements",
            ),
        ]
        .iter()
        .enumerate()
        .map(|(i, (l, t))| Bar {
            label: (*l).into(),
            value: (i + 1) as f64,
            text: (*t).into(),
        })
        .collect();
        let svg = bar_chart("c", "Reach", &bars);
        let (width, all) = texts(&svg);
        assert_eq!(all.len(), 4, "a label and a value per bar: {all:?}");
        for (x, anchor, s) in &all {
            let (a, b) = extent(*x, anchor, s, 15.0);
            assert!(a >= 0.0 && b <= width, "{s:?} reaches {a}..{b} of {width}");
        }
        // One pair does not fit a line, so every value gets its own line under its label; the
        // long label is cut and keeps its whole text in the description.
        assert_eq!(all[0].2, "Ana");
        assert!(all.iter().all(|t| t.1 == "start"), "{all:?}");
        assert!(all[2].2.ends_with('…'));
        assert!(
            svg.contains("A creator with a very long display name indeed, longer than a line:")
        );
    }

    #[test]
    fn line_chart_labels_dates_without_collisions_and_values_on_round_steps() {
        for n in [1usize, 2, 3, 7, 30, 90] {
            let points: Vec<Point> = (0..n)
                .map(|i| Point {
                    x: (i * 2) as f64,
                    value: (i as f64 + 1.0) * 41_000.0,
                    label: format!("Nov {:02}", i % 28 + 1),
                    text: format!("{}", (i + 1) * 41_000),
                })
                .collect();
            let svg = line_chart("l", "Reach", &points);
            let (width, all) = texts(&svg);
            let dates: Vec<_> = all.iter().filter(|t| t.2.starts_with("Nov")).collect();
            assert!(
                !dates.is_empty() && dates.len() <= 6,
                "{n} points: {dates:?}"
            );
            assert_eq!(dates[0].2, points[0].label, "the first date is labelled");
            let mut spans: Vec<(f64, f64)> = dates
                .iter()
                .map(|(x, a, s)| extent(*x, a, s, 15.0))
                .collect();
            spans.sort_by(|a, b| a.0.total_cmp(&b.0));
            for w in spans.windows(2) {
                assert!(
                    w[0].1 < w[1].0,
                    "{n} points: date labels overlap: {spans:?}"
                );
            }
            for (a, b) in &spans {
                assert!(
                    *a >= 0.0 && *b <= width,
                    "{n} points: a date reaches {a}..{b}"
                );
            }
            // Value labels are round steps (41k per point, so steps of 10k, 20k, 25k, 50k…).
            let values: Vec<&str> = all
                .iter()
                .filter(|t| !t.2.starts_with("Nov"))
                .map(|t| t.2.as_str())
                .collect();
            assert!(!values.is_empty(), "{n} points: no value labels");
            for v in values {
                let digits: String = v
                    .chars()
                    .filter(|c| c.is_ascii_digit() || *c == '.')
                    .collect();
                let num: f64 = digits.parse().expect("a number");
                let mult = if v.ends_with('M') {
                    1e6
                } else if v.ends_with('k') {
                    1e3
                } else {
                    1.0
                };
                let full = num * mult;
                let max = n as f64 * 41_000.0;
                assert!(
                    full > 0.0 && full <= max * 1.001,
                    "{n} points: {v} outside 0..{max}"
                );
                let power = 10f64.powf(full.log10().floor());
                let lead = full / power;
                assert!(
                    [1.0, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 7.5, 8.0, 9.0]
                        .iter()
                        .any(|m| (lead - m).abs() < 1e-9),
                    "{n} points: {v} is not a round step"
                );
            }
        }
    }
}
