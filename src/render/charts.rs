//! Inline SVG charts for the report: plain markup readable without JavaScript, each an image with
//! a `<title>` and a `<desc>` that states every value, referenced by `aria-labelledby`.

use super::xml_escape;

/// Width of every chart's view box.
const WIDTH: f64 = 640.0;
/// Height of one bar row.
const ROW: f64 = 28.0;
/// Where bars start (labels sit to their left).
const BAR_X: f64 = 180.0;
/// Longest bar.
const BAR_MAX: f64 = 200.0;

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

fn open(id: &str, title: &str, desc: &str, height: f64) -> String {
    let id = xml_escape(id);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {WIDTH:.0} {height:.0}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\"><title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        xml_escape(title),
        xml_escape(desc),
    )
}

/// A horizontal bar chart; its description lists every bar's label and value.
pub fn bar_chart(id: &str, title: &str, bars: &[Bar]) -> String {
    let desc = if bars.is_empty() {
        "No data.".to_string()
    } else {
        let items: Vec<String> = bars
            .iter()
            .map(|b| format!("{}: {}", b.label, b.text))
            .collect();
        format!("{}.", items.join("; "))
    };
    let height = (bars.len().max(1) as f64) * ROW + 8.0;
    let max = bars.iter().map(|b| finite(b.value)).fold(0.0, f64::max);
    let mut out = open(id, title, &desc, height);
    for (i, b) in bars.iter().enumerate() {
        let y = 4.0 + i as f64 * ROW;
        let len = if max > 0.0 {
            finite(b.value) / max * BAR_MAX
        } else {
            0.0
        };
        out.push_str(&format!(
            "<g><text x=\"{lx:.1}\" y=\"{ty:.1}\" text-anchor=\"end\">{label}</text><rect x=\"{BAR_X:.1}\" y=\"{ry:.1}\" width=\"{len:.1}\" height=\"{h:.1}\" class=\"bar\"/><text x=\"{vx:.1}\" y=\"{ty:.1}\">{text}</text></g>",
            lx = BAR_X - 8.0,
            ty = y + ROW / 2.0 + 4.0,
            label = xml_escape(&b.label),
            ry = y + 4.0,
            h = ROW - 8.0,
            vx = BAR_X + len + 6.0,
            text = xml_escape(&b.text),
        ));
    }
    out.push_str("</svg>");
    out
}

/// A line chart of points in x order; its description lists every point.
pub fn line_chart(id: &str, title: &str, points: &[Point]) -> String {
    let desc = if points.is_empty() {
        "No data.".to_string()
    } else {
        let items: Vec<String> = points
            .iter()
            .map(|p| format!("{}: {}", p.label, p.text))
            .collect();
        format!("{}.", items.join("; "))
    };
    let (height, left, right, top, bottom) = (240.0, 80.0, WIDTH - 20.0, 16.0, 200.0);
    let mut out = open(id, title, &desc, height);
    out.push_str(&format!(
        "<line x1=\"{left:.1}\" y1=\"{bottom:.1}\" x2=\"{right:.1}\" y2=\"{bottom:.1}\" class=\"axis\"/>"
    ));
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        out.push_str("</svg>");
        return out;
    };
    let x0 = if first.x.is_finite() { first.x } else { 0.0 };
    let span = if last.x.is_finite() { last.x - x0 } else { 0.0 };
    let max = points.iter().map(|p| finite(p.value)).fold(0.0, f64::max);
    let place = |p: &Point| {
        let x = if span > 0.0 && p.x.is_finite() {
            left + (p.x - x0) / span * (right - left)
        } else {
            (left + right) / 2.0
        };
        let y = if max > 0.0 {
            bottom - finite(p.value) / max * (bottom - top)
        } else {
            bottom
        };
        (x, y)
    };
    let coords: Vec<String> = points
        .iter()
        .map(|p| {
            let (x, y) = place(p);
            format!("{x:.1},{y:.1}")
        })
        .collect();
    out.push_str(&format!(
        "<polyline points=\"{}\" class=\"line\" fill=\"none\"/>",
        coords.join(" ")
    ));
    for p in points {
        let (x, y) = place(p);
        out.push_str(&format!(
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3\" class=\"dot\"/>"
        ));
    }
    out.push_str(&format!(
        "<text x=\"{left:.1}\" y=\"{:.1}\">{}</text><text x=\"{right:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text></svg>",
        bottom + 20.0,
        xml_escape(&first.label),
        bottom + 20.0,
        xml_escape(&last.label),
        left - 6.0,
        top + 4.0,
        xml_escape(&last.text),
    ));
    out
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
        // The longest bar is the full length; NaN draws nothing.
        assert!(svg.contains("width=\"200.0\""));
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
        assert!(one.contains("points=\"350.0,200.0\""));
    }
}
