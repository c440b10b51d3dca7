/// The one stylesheet, served at `/static/imdms.css` (no inline styles: the CSP forbids them).
enum Stylesheet {
    static let css = """
    :root { --ink: #1d2733; --muted: #5a6775; --line: #d5dbe1; --accent: #00558c; --band: #f3f6f9; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); }
    header.site { display: flex; gap: 1rem; align-items: baseline; padding: .8rem 1.5rem; background: var(--accent); color: #fff; flex-wrap: wrap; }
    header.site a { color: #fff; text-decoration: none; }
    header.site .brand { font-weight: 700; font-size: 1.2rem; }
    header.site nav { margin-left: auto; display: flex; gap: 1rem; }
    main { padding: 1rem 1.5rem 2rem; max-width: 1200px; }
    footer.site { padding: 1rem 1.5rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--line); }
    h1 { font-size: 1.6rem; margin: .5rem 0 1rem; }
    progress.upload-progress { display: block; width: 100%; max-width: 28rem; height: 1rem; margin-top: .6rem; accent-color: var(--accent); }
    .upload-status { color: var(--muted); margin: .3rem 0; }
    .datasets { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 1rem; }
    .dataset { border: 1px solid var(--line); border-radius: 6px; padding: .8rem 1rem; }
    .dataset h2 { font-size: 1.1rem; margin: 0 0 .3rem; }
    .meta { color: var(--muted); font-size: .9rem; }
    dl.meta-list { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
    dl.meta-list dt { font-weight: 600; }
    table.data { border-collapse: collapse; margin: 1rem 0; font-variant-numeric: tabular-nums; }
    table.data th, table.data td { border: 1px solid var(--line); padding: .3rem .6rem; }
    table.data td { text-align: right; }
    table.data td.text { text-align: left; } table.data th[scope=row] { white-space: nowrap; }
    table.data th { background: var(--band); text-align: left; }
    table.data tr.total th, table.data tr.total td, table.data td.total { font-weight: 700; }
    table.data th.depth-1 { padding-left: 1.2rem; font-weight: 400; } table.data th.depth-2 { padding-left: 2.4rem; font-weight: 400; }
    table.data th.depth-3, table.data th.depth-4 { padding-left: 3.6rem; font-weight: 400; }
    .dashboard .figures { display: flex; flex-wrap: wrap; gap: 1rem; margin: .5rem 0 1rem; }
    .dashboard .figure { border: 1px solid #ccd; border-radius: .4rem; padding: .6rem 1rem; min-width: 12rem; display: flex; flex-direction: column; }
    .dashboard .value { font-size: 1.6rem; font-weight: 700; } .dashboard .change { color: var(--muted); font-size: .85rem; }
    .dashboard .drawings { display: flex; flex-wrap: wrap; gap: 1rem; } .dashboard figure { margin: 0; } svg.chart { max-width: 100%; height: auto; }
    .footnote { font-size: .85rem; color: var(--muted); }
    form.query { display: flex; flex-wrap: wrap; gap: .8rem; align-items: end; background: var(--band); padding: .8rem; border-radius: 6px; }
    form.query label { display: flex; flex-direction: column; font-size: .85rem; }
    .badge { display: inline-block; font-size: .75rem; padding: 0 .4rem; border-radius: 3px; background: #fde8c8; color: #7a4a00; }
    .empty { padding: 1rem; background: var(--band); }
    form.logout { display: inline; }
    form.login { display: flex; flex-direction: column; gap: .8rem; max-width: 320px; }
    form.login label { display: flex; flex-direction: column; }
    p.error { color: #a4000f; font-weight: 600; }
    """
}
