/**
 * The result of a detection run ({@link io.fathom.detect.report.DetectionReport}) and the formats it is written in:
 * one {@link io.fathom.detect.report.ReportFormat} per format, listed in
 * {@link io.fathom.detect.report.ReportFormats}. Every format states the settings the run used; the HTML report is
 * one self-contained file (inline CSS and SVG, no scripts, no remote resources) with every value escaped, since
 * the data comes from untrusted packets.
 */
package io.fathom.detect.report;
