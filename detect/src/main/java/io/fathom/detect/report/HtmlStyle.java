package io.fathom.detect.report;

/** The HTML report's style sheet, inlined into every page so that the file stands alone. */
final class HtmlStyle {
  static final String CSS = """
      :root{--ink:#1d2733;--muted:#5b6877;--line:#dde2e8;--bg:#f5f7fa;--card:#fff;--accent:#2f6f9f}
      *{box-sizing:border-box}
      body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
        color:var(--ink);background:var(--bg)}
      header,main,footer{max-width:1200px;margin:0 auto;padding:0 24px}
      header{padding-top:24px}
      h1{font-size:24px;margin:0 0 4px}
      h2{font-size:17px;margin:28px 0 10px}
      .kv h2{font-size:13px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);margin:0 0 6px}
      .sub{color:var(--muted);margin:0 0 16px}
      .cards{display:grid;grid-template-columns:repeat(6,1fr);gap:12px}
      .card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px}
      .card b{display:block;font-size:22px;font-weight:600}
      .card span{color:var(--muted);font-size:12px}
      .run{display:grid;grid-template-columns:1fr 1fr 1fr;gap:12px;margin-top:12px}
      .kv{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px;overflow:auto;
        max-height:260px}
      .kv table{font-size:12px}
      .kv th{font-weight:500;color:var(--muted);white-space:nowrap}
      .kv td{word-break:break-all}
      .charts{display:grid;grid-template-columns:1fr 1fr;gap:12px}
      figure{margin:0;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px}
      figcaption{font-weight:600;margin-bottom:8px}
      svg.chart{max-width:100%;height:auto;font-size:11px;fill:var(--ink)}
      svg .v{fill:var(--muted)}
      svg .grid{stroke:#e8ecf0}
      svg .axis{stroke:#9aa5b1}
      svg g:hover rect{opacity:.8}
      .scroll{overflow-x:auto;background:var(--card);border:1px solid var(--line);border-radius:8px}
      table{border-collapse:collapse;width:100%}
      th,td{text-align:left;padding:5px 10px;border-bottom:1px solid var(--line);vertical-align:baseline}
      thead th{background:#eef2f6;font-weight:600;white-space:nowrap}
      tbody tr:nth-child(even){background:#fafbfc}
      tbody tr:last-child td,tbody tr:last-child th{border-bottom:0}
      td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
      td.ip,td.id{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;white-space:nowrap}
      table.rows{font-size:13px}
      table.rows td{white-space:nowrap}
      table.rows td.evidence{white-space:normal;color:var(--muted);font-size:12px;min-width:280px}
      table.classes tbody th{background:#f3f6f9;font-weight:600}
      td.inferred{font-style:italic}
      td.unknown{color:#9aa5b1}
      td[title],th[title]{cursor:help}
      .none,.note{color:var(--muted)}
      .note{font-size:12px}
      footer{color:var(--muted);font-size:12px;padding:24px}
      @media (max-width:900px){.cards{grid-template-columns:repeat(3,1fr)}.run,.charts{grid-template-columns:1fr}}
      """;

  private HtmlStyle() {}
}
