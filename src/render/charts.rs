//! The charts of the metrics page, drawn as SVG at build time.

use super::analysis::ChartView;
use crate::analyze::metrics::Metrics;

pub fn metrics_charts(_m: &Metrics) -> Vec<ChartView> {
    Vec::new()
}
