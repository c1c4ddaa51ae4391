/// The report's stylesheet, screen and print. The font stacks name the CJK fonts a
/// bureau's machines have (Noto Sans CJK SC on Linux, Microsoft YaHei on Windows, PingFang
/// SC on macOS, WenQuanYi on older desktops) so Chinese names never print as boxes. In
/// print only the heading, the figures and the zone atlas remain, one zone to a page.
enum ReportStyle {
  static let css = """
    :root{--ink:#1d2733;--muted:#5b6675;--line:#d5dbe3;--bad:#c62828;--ok:#1a7f3c;
    --cjk:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Hiragino Sans GB","Microsoft YaHei",\
    "WenQuanYi Micro Hei","WenQuanYi Zen Hei",system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
    *{box-sizing:border-box}
    body{margin:0 auto;max-width:1400px;padding:20px 24px 40px;color:var(--ink);background:#fff;
    font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Hiragino Sans GB","Microsoft YaHei",\
    "WenQuanYi Micro Hei","WenQuanYi Zen Hei",system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
    font-size:14px;line-height:1.45}
    h1{font-size:22px;margin:0 0 2px}h2{font-size:17px;margin:28px 0 8px}h3{font-size:13px;margin:12px 0 4px}
    .zh{color:var(--muted);font-weight:normal}.meta{color:var(--muted);margin:0 0 14px}
    .count{color:var(--muted);font-weight:normal;font-size:14px}
    .figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(165px,1fr));gap:10px;margin-bottom:16px}
    .card{border:1px solid var(--line);border-radius:6px;padding:10px 12px;border-left:4px solid #9aa5b1}
    .card.pass{border-left-color:var(--ok)}.card.pass .value{color:var(--ok)}
    .card.fail{border-left-color:var(--bad)}.card.fail .value{color:var(--bad)}
    .card .label{color:var(--muted);font-size:12px}.card .value{font-size:24px;font-weight:600}
    .card .sub{color:var(--muted);font-size:12px}
    .mapwrap{display:flex;gap:14px;align-items:flex-start}
    .mapbox{flex:1;min-width:0;height:640px;border:1px solid var(--line);background:#eef1f4}
    .leaflet-container{font-family:var(--cjk);font-size:12px}
    .legend{width:230px;font-size:12px}.legend ul{list-style:none;margin:0;padding:0}
    .legend li{display:flex;align-items:center;gap:6px;margin:3px 0}.legend label{display:flex;gap:6px;cursor:pointer}
    .sw{width:24px;height:14px;flex:none}.note{color:var(--muted)}
    button{font:inherit;padding:4px 10px;border:1px solid var(--line);border-radius:4px;background:#f3f5f8;cursor:pointer}
    @media (max-width:800px){.mapwrap{flex-direction:column}.legend{width:auto}.mapbox{width:100%;height:480px}}
    .map{display:block;width:100%;height:auto}
    .map text{font-family:inherit}
    .bg{fill:#eef1f4}
    path{fill-rule:evenodd;stroke-linejoin:round}
    .district{fill:#f7fbff;stroke:#4a5568;stroke-width:1}
    .c0{fill:#f7fbff}.c1{fill:#deebf7}.c2{fill:#c6dbef}.c3{fill:#9ecae1}.c4{fill:#6baed6}.c5{fill:#3182bd}
    .gap{fill:#e34a33;fill-opacity:.45;stroke:#b30000;stroke-width:1}
    .cam{fill:#238b45;fill-opacity:.4;stroke:#00441b;stroke-width:.6}
    .plan{fill:#3f51b5;fill-opacity:.3;stroke:#1a237e;stroke-width:1;stroke-dasharray:4 2}
    .plandot{fill:#1a237e;stroke:#fff;stroke-width:1.5}
    .building{fill:#b0a89c;stroke:#7a7165;stroke-width:.5}
    .street{stroke:#8a8f98;stroke-width:1.5}
    .dens{stroke:none;fill:#00441b}.d0{fill-opacity:.08}.d1{fill-opacity:.16}.d2{fill-opacity:.26}.d3{fill-opacity:.38}
    .d4{fill-opacity:.52}
    .zone{fill:none;stroke-width:2}.zone.pass{stroke:#1a9850}.zone.fail{stroke:#d73027;stroke-dasharray:6 3}
    .road{fill:none;stroke:#7f2704;stroke-width:1.6;stroke-opacity:.85}
    .entry{stroke:#fff;stroke-width:1.5}.entry.covered{fill:#1a9850}.entry.open{fill:#d73027}
    .gapno circle{fill:#fff;stroke:#b30000;stroke-width:2}.gapno text{font-size:13px;font-weight:700;fill:#b30000;
    text-anchor:middle}
    .scalebar text,.north text{font-size:12px;fill:#222}
    .bar{fill:#222}.bar.alt{fill:#fff;stroke:#222;stroke-width:1}.halo{fill:#fff;fill-opacity:.8}
    .north polygon{fill:#222}
    .cg-label{background:none;border:0}
    .cg-label span{position:absolute;transform:translate(-50%,-50%);white-space:nowrap;font-weight:600;font-size:13px;
    color:var(--ink);background:rgba(255,255,255,.75);padding:0 4px;border-radius:3px}
    .cg-tip strong{font-size:13px}.cg-tip .k{color:var(--muted)}
    .tablewrap{overflow-x:auto}
    table{border-collapse:collapse;width:100%;font-size:13px}
    caption{text-align:left;color:var(--muted);padding:0 0 4px}
    th,td{padding:4px 8px;border-bottom:1px solid var(--line);text-align:left;white-space:nowrap}
    th{background:#f3f5f8;cursor:pointer;user-select:none}
    th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
    tr.fly{cursor:pointer}tr.fly:hover,tr.fly:focus{background:#fff7d6;outline:none}tr.fly.current{background:#ffe98a}
    .num{text-align:right;font-variant-numeric:tabular-nums}
    .ok{color:var(--ok)}.no{color:var(--bad);font-weight:600}
    .warnings{color:var(--muted);font-size:12px}
    .atlas{display:none}
    .atlas-map{border:1px solid var(--line);margin:6px 0 10px;overflow:hidden}
    .atlas-figures{margin:0 0 4px}
    footer{margin-top:28px;color:var(--muted);font-size:12px}
    @page{size:A4;margin:12mm}
    @media print{
    body{max-width:none;padding:0;font-size:11px}
    .screen,.mapwrap,section:not(.figures):not(.atlas),footer,button{display:none!important}
    .figures{grid-template-columns:repeat(4,1fr)}
    .atlas{display:block}
    .atlas-page{break-before:page;page-break-before:always}
    .atlas-page h2{margin-top:0}
    .atlas-map{overflow:hidden}
    table{font-size:9px}th,td{padding:1px 5px}
    .atlas .tablewrap{overflow:visible}
    }

    """
}
