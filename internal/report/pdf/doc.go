// Package pdf writes a report.Document as an A4 PDF: a cover with the score
// and grade, the summary table and chart, the shortfalls, every item in
// detail, the excluded items and a signature block, with a running header
// and a "第 N 页 / 共 M 页" footer.
//
// Pages are laid out first and drawn afterwards, so that the footer knows
// the page count. Text is wrapped by the package's own line breaker, which
// measures runes with the bundled font and follows the Chinese line-breaking
// (kinsoku) rules. The font is parsed once per process.
package pdf
