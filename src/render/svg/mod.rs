//! SVG drawn at build time: charts for the metrics page, fishbone (Ishikawa) diagrams and
//! why-because graphs. No JavaScript; styled by the theme's classes, readable in dark mode and
//! print, each with a `<title>` and a `<desc>` for screen readers.

pub mod charts;
pub mod fishbone;
pub mod graph;
