// The inline style and script of the HTML report. Both are constant, so their CSP
// hashes are computed once. The script only enhances: everything reads without it.

// Twelve document hues, distinct in colour and in lightness order for print.
const HUES = ['#3b6fb6', '#d9822b', '#3f9a5b', '#c2404f', '#7b5cb8', '#8c6d46', '#cf5fa4', '#5f7580', '#a8a23a', '#2f9bab', '#e0b43a', '#6b8e23']

export const CSS = `
:root{--ink:#1d2329;--muted:#5d6873;--line:#d9dee3;--bg:#f3f4f6;--paper:#fff;--accent:#154273;--accent-2:#e8eef6;
--del-bg:#fde6e7;--del:#b3261e;--ins-bg:#ddf4e4;--ins:#1a7f37;--mv-bg:#eee6fb;--mv:#6639ba;--fix:#fff1b8;--fix-line:#d4a106;
--ann:#b85c00;--ann-bg:#fff1e0;--red:#2b2b2b;--focus:#ffb612}
*{box-sizing:border-box}
[id]{scroll-margin-top:4rem}
html{font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg);-webkit-text-size-adjust:100%}
body{margin:0}
a{color:var(--accent);text-underline-offset:2px}
a:hover{color:#0b2a4a}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
code{font:.85em/1.3 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#eef1f4;padding:.05em .3em;border-radius:3px;overflow-wrap:anywhere}
h1,h2,h3,h4{line-height:1.25;margin:0 0 .5rem}
h2{font-size:1.3rem}h3{font-size:1.05rem}h4{font-size:.95rem}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.muted{color:var(--muted)}
.skip{position:absolute;left:-9999px;top:.5rem;background:#fff;padding:.5rem 1rem;z-index:20;border-radius:4px}
.skip:focus{left:1rem}
.top{background:var(--accent);color:#fff;padding:1.4rem 2rem 1.2rem}
.top .inner{max-width:92rem;margin:0 auto}
.top h1{font-size:1.6rem;margin:0;font-weight:650;letter-spacing:-.01em}
.top p{margin:.3rem 0 0;color:#d6e0ee}
.nav{position:sticky;top:0;z-index:10;background:rgba(255,255,255,.97);border-bottom:1px solid var(--line);box-shadow:0 1px 3px rgba(0,0,0,.04)}
.nav ul{list-style:none;margin:0 auto;padding:.55rem 2rem;display:flex;gap:.4rem 1.4rem;flex-wrap:wrap;max-width:92rem}
.nav a{text-decoration:none;font-weight:550;font-size:.92rem}
.nav a:hover{text-decoration:underline}
main{max-width:92rem;margin:0 auto;padding:1.5rem 2rem 4rem}
.card{background:var(--paper);border:1px solid var(--line);border-radius:8px;padding:1.3rem 1.5rem 1.4rem;margin:0 0 1.5rem;scroll-margin-top:3.5rem}
/* Big releases: lay out only the sections on screen. */
.doc,.diff,#loose{content-visibility:auto;contain-intrinsic-size:auto 1500px}
.kicker{display:block;font-size:.72rem;text-transform:uppercase;letter-spacing:.08em;color:var(--muted);font-weight:600;margin-bottom:.15rem}
.stats{display:grid;grid-template-columns:repeat(auto-fill,minmax(7.3rem,1fr));gap:.6rem;margin:0 0 1.3rem;padding:0}
.stats div{border:1px solid var(--line);border-radius:6px;padding:.5rem .75rem;background:#fafbfc}
.stats dt{font-size:.78rem;color:var(--muted);order:2}
.stats dd{margin:0;font-size:1.45rem;font-weight:650;font-variant-numeric:tabular-nums}
.stats div{display:flex;flex-direction:column}
.strip{display:flex;flex-wrap:wrap;gap:3px;margin:.4rem 0 .6rem;padding:0;list-style:none}
.strip li{display:block}
.strip a{display:block;width:15px;height:21px;border-radius:2px;border:1px solid rgba(0,0,0,.18)}
.strip a.first{margin-left:5px}
.strip a.none{background:repeating-linear-gradient(45deg,#fff 0 3px,#cfd5db 3px 5px)}
.strip a:hover{transform:translateY(-2px);box-shadow:0 2px 4px rgba(0,0,0,.2)}
.legend{display:flex;flex-wrap:wrap;gap:.3rem 1rem;margin:0 0 1.2rem;padding:0;list-style:none;font-size:.82rem;color:var(--muted)}
.legend li{display:flex;align-items:center;gap:.35rem}
.sw{display:inline-block;width:12px;height:12px;border-radius:2px;border:1px solid rgba(0,0,0,.18);flex:none}
${HUES.map((h, i) => `.h${i}{background:${h}}`).join('')}
${HUES.map((h, i) => `.h${i}.k2{background:repeating-linear-gradient(135deg,${h} 0 3px,#fff 3px 5px)}`).join('')}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{text-align:left;vertical-align:top;padding:.4rem .55rem;border-bottom:1px solid var(--line)}
thead th{font-size:.78rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);font-weight:600;border-bottom:2px solid var(--line);white-space:nowrap}
thead th button{all:inherit;cursor:pointer}
thead th button:focus-visible{outline:3px solid var(--focus)}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.doclist td:first-child{white-space:nowrap}
.doclist .t{font-weight:550}
.doclist .id{display:block;font-size:.78rem;color:var(--muted)}
.tablewrap{overflow-x:auto}
.pill{display:inline-block;font-size:.72rem;font-weight:600;padding:.05rem .45rem;border-radius:999px;background:var(--accent-2);color:var(--accent);white-space:nowrap}
.pill.canon{background:#e3f3e8;color:#1a6b34}
.pill.warn{background:#fff1d6;color:#8a5300}
.zero{color:#aab2ba}
.overview h3{margin-top:1.4rem}
.groups{list-style:none;padding:0;margin:0;display:grid;gap:.6rem;grid-template-columns:repeat(auto-fill,minmax(24rem,1fr))}
.groups li.g{border:1px solid var(--line);border-radius:6px;padding:.6rem .8rem;display:flex;gap:.7rem;align-items:flex-start}
.groups .gt{font-weight:550}
.groups ul{margin:.25rem 0 0;padding-left:1.1rem;font-size:.88rem}
.chains{list-style:none;padding:0;margin:0}
.chain{display:flex;flex-wrap:wrap;align-items:stretch;gap:.4rem;margin:.5rem 0 1rem}
.node{border:1px solid var(--line);border-top:4px solid var(--accent);border-radius:6px;padding:.45rem .7rem;min-width:10rem;max-width:19rem;background:#fbfcfd}
.node .d{font-weight:700;font-size:1.05rem;display:block}
.node .nt{font-size:.84rem;color:var(--muted);display:block}
.arrow{display:flex;flex-direction:column;justify-content:center;align-items:center;font-size:.8rem;min-width:6.5rem;padding:0 .2rem;text-align:center}
.arrow .line{display:block;width:100%;height:2px;background:var(--accent);position:relative;margin:.3rem 0}
.arrow .line::after{content:"";position:absolute;right:-1px;top:-4px;border:5px solid transparent;border-left:7px solid var(--accent);border-right:0}
.why{margin:-.5rem 0 1rem;font-size:.8rem;color:var(--muted)}
.groups .why{margin:.5rem 0 0}
details.more>summary{cursor:pointer;color:var(--accent);font-weight:550;margin:.3rem 0 .6rem}
.mini{display:inline-flex;gap:.35rem;font-variant-numeric:tabular-nums}
.mini .k-added{color:var(--ins)}.mini .k-removed{color:var(--del)}.mini .k-moved{color:var(--mv)}.mini .k-changed{color:#8a5300}
.doc-h{display:flex;flex-wrap:wrap;gap:.3rem 1rem;align-items:baseline;justify-content:space-between}
.meta{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:.35rem 1.5rem;margin:.6rem 0 .9rem;font-size:.88rem}
.meta div{display:flex;gap:.5rem;border-bottom:1px dotted var(--line);padding:.1rem 0}
.meta dt{color:var(--muted);min-width:6.5rem}
.meta dd{margin:0;font-weight:500;overflow-wrap:anywhere}
.unc{color:#8a5300;font-weight:700;cursor:help}
.toolbar{margin:.4rem 0 .8rem;display:flex;flex-wrap:wrap;gap:1rem;font-size:.88rem}
.toggle{display:inline-flex;gap:.4rem;align-items:center;cursor:pointer;background:var(--accent-2);padding:.3rem .7rem;border-radius:6px;color:var(--accent);font-weight:550}
.toggle input{accent-color:var(--accent);width:1rem;height:1rem;margin:0}
.legend-inline{color:var(--muted);display:inline-flex;gap:.9rem;align-items:center;flex-wrap:wrap}
.pages{border-top:1px solid var(--line)}
.pg{display:grid;grid-template-columns:minmax(0,48rem) minmax(11rem,15rem);gap:0 2.5rem;justify-content:start;padding:.8rem 0;border-bottom:1px solid var(--line);scroll-margin-top:3.5rem}
.pg:target{background:#fffbe8}
.pgno{grid-column:1/-1;font-size:.74rem;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);font-weight:600;margin-bottom:.3rem}
.clean{font-size:1rem;line-height:1.65}
.clean p{margin:0 0 .7rem}
.clean .lead{margin:0 0 .4rem}
.clean h3{font-size:1.08rem;margin:1rem 0 .45rem}
.clean h4{font-size:1rem;margin:.8rem 0 .4rem;font-style:italic}
.clean ul{margin:0 0 .7rem;padding-left:1.3rem}
.clean li{margin:0 0 .35rem}
.clean li.l2{margin-left:1.4rem;list-style-type:circle}
.clean .num{display:flex;gap:.5rem}
.clean .mk{font-weight:600;min-width:1.6rem}
.clean table{margin:0 0 .9rem;font-size:.92rem}
.clean thead th{text-transform:none;letter-spacing:0;font-size:.88rem;color:var(--ink)}
.scan{display:none;margin:0;font:.8rem/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre-wrap;overflow-wrap:anywhere;background:#f7f7f4;border:1px solid #e4e3dc;border-radius:4px;padding:.7rem .8rem;color:#333;align-self:start}
.doc:has(.scan-toggle:checked) .pg{grid-template-columns:minmax(0,1fr) minmax(0,1fr) 13rem;gap:0 1.5rem}
.doc:has(.scan-toggle:checked) .scan{display:block}
.scan .f{color:#8b949e}
.scan .a{background:var(--ann-bg);color:var(--ann)}
.scan .r{background:var(--red);color:#fff;border-radius:2px}
.scan .c{background:var(--fix);border-bottom:2px solid var(--fix-line)}
.fix-demo{background:var(--fix);border-bottom:2px solid var(--fix-line);border-radius:2px;padding:0 1px}
.fix{background:var(--fix);color:inherit;border-bottom:2px solid var(--fix-line);border-radius:2px;position:relative;cursor:help;padding:0 1px}
.fix:hover::after,.fix:focus::after{content:"OCR read “" attr(data-ocr) "” · rule: " attr(data-rule) attr(data-conf);position:absolute;left:0;bottom:calc(100% + 6px);z-index:30;background:#1d2329;color:#fff;font:500 .78rem/1.35 system-ui,sans-serif;padding:.35rem .55rem;border-radius:5px;white-space:pre;max-width:32rem;overflow:hidden;text-overflow:ellipsis;box-shadow:0 3px 10px rgba(0,0,0,.25);pointer-events:none}
.redact{display:inline-block;background:var(--red);color:#fff;font-size:.72rem;font-weight:600;padding:0 .35rem;border-radius:2px;line-height:1.5;text-decoration:none;vertical-align:1px}
.ref{font-size:.7rem;font-weight:700;vertical-align:super;text-decoration:none;color:var(--ann);padding:0 .1rem}
.margin{font-size:.82rem;border-left:2px solid var(--line);padding-left:.8rem}
.margin ol{list-style:none;margin:0;padding:0}
.margin li{margin:0 0 .55rem;scroll-margin-top:4rem}
.margin li:target{background:#fffbe8;outline:2px solid var(--focus)}
.margin .lbl{display:inline-block;font-weight:700;font-size:.7rem;border-radius:3px;padding:0 .3rem;margin-right:.3rem}
.margin .ann .lbl{background:var(--ann-bg);color:var(--ann)}
.margin .red .lbl{background:var(--red);color:#fff}
.margin q{font-family:"Segoe Print","Bradley Hand","Comic Sans MS",cursive;color:var(--ann);overflow-wrap:anywhere}
.margin .none{color:#aab2ba}
.badges{list-style:none;display:flex;flex-wrap:wrap;gap:.45rem;padding:0;margin:.6rem 0}
.b{border-radius:999px;padding:.15rem .7rem;font-size:.85rem;border:1px solid var(--line);background:#fafbfc}
.b.k-changed{background:#fff4dc;border-color:#f0d9a4}.b.k-added{background:var(--ins-bg);border-color:#b5e2c1}
.b.k-removed{background:var(--del-bg);border-color:#f2b8bc}.b.k-moved{background:var(--mv-bg);border-color:#d3c2f1}
.pair{margin:.1rem 0 .2rem;color:var(--muted);font-size:.9rem}
.diff-body{display:grid;grid-template-columns:17rem minmax(0,1fr);gap:1.5rem;align-items:start;margin-top:.7rem}
.changelist{position:sticky;top:3.4rem;max-height:calc(100vh - 4.5rem);overflow:auto;font-size:.86rem;border-right:1px solid var(--line);padding-right:.8rem}
.changelist h3{font-size:.8rem;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
.changelist h4{font-size:.86rem;margin:.8rem 0 .25rem;display:flex;gap:.35rem;align-items:center}
.count{font-size:.72rem;background:var(--accent);color:#fff;border-radius:999px;padding:0 .45rem;font-weight:700}
.noise-count{background:#8b949e}
.changelist ol{list-style:none;margin:0;padding:0}
.changelist li a{display:flex;gap:.4rem;padding:.18rem .3rem;border-radius:4px;text-decoration:none;color:var(--ink)}
.changelist li a:hover{background:var(--accent-2)}
.sym{display:inline-flex;justify-content:center;align-items:center;width:1.25rem;height:1.25rem;border-radius:3px;font-weight:700;font-size:.8rem;flex:none;background:#eef1f4}
.k-added .sym{background:var(--ins-bg);color:var(--ins)}.k-removed .sym{background:var(--del-bg);color:var(--del)}
.k-moved .sym{background:var(--mv-bg);color:var(--mv)}.k-changed .sym{background:#fff4dc;color:#8a5300}
.noise-only{display:none}
.diff:has(.noise-toggle:checked) .noise-only{display:block}
.diff:has(.noise-toggle:checked) li.noise-only a{display:flex}
.diff:has(.noise-toggle:checked) span.noise-only{display:inline}
.changelist li.noise-only .sym{background:#eef1f4;color:#6b7580}
.meta-changes{margin:0 0 1rem}
.meta-changes caption{text-align:left;font-weight:650;padding:.2rem 0 .4rem}
.redline{border:1px solid var(--line);border-radius:6px}
.rl{display:grid;grid-template-columns:1.9rem minmax(0,1fr) minmax(0,1fr);border-top:1px solid #eceff2;scroll-margin-top:4rem}
.rl.head{border-top:0;background:#f6f8fa;font-size:.8rem;font-weight:600;color:var(--muted);position:sticky;top:2.6rem;z-index:2}
.rl>div{padding:.45rem .7rem;min-width:0;overflow-wrap:anywhere}
.rl>.g{padding:.5rem .3rem;display:flex;justify-content:center}
.rl>.o{border-right:1px solid #eceff2}
.rl.ctx,.rl.plain{color:#4a535c}
.rl.chg>.o,.rl.chg>.n{background:#fffdf5}
.rl.k-added>.n,.rl.only-new>.n{background:var(--ins-bg)}
.rl.k-removed>.o,.rl.only-old>.o{background:var(--del-bg)}
.rl.k-moved>.o,.rl.k-moved>.n{background:#faf7ff}
.rl:target,.rl:focus{box-shadow:inset 4px 0 0 var(--focus);outline:none;background:#fffbe8}
del{background:var(--del-bg);color:var(--del);text-decoration:line-through;text-decoration-thickness:1px}
ins{background:var(--ins-bg);color:var(--ins);text-decoration:none;border-bottom:1px solid #8fd1a3}
.whole.del{color:var(--del)}
.whole.ins{color:#14532d}
.mv{background:var(--mv-bg);color:#3d1f78;border-left:3px solid var(--mv);padding:.15rem .5rem;border-radius:0 4px 4px 0}
.mvnote{margin:.35rem 0 0;font-size:.8rem;font-weight:600}.mvnote a{color:var(--mv)}
.gapnote{margin:0;font-size:.78rem;color:#9aa3ab;font-style:italic}
.rl.noise del,.rl.noise ins{background:none;color:inherit;text-decoration:none;border:0}
.rl.noise>.o,.rl.noise>.n{background:none}
.rl.noise .sym{background:#eef1f4;color:#8b949e}
.diff:has(.noise-toggle:checked) .rl.noise del{background:var(--del-bg);color:var(--del);text-decoration:line-through}
.diff:has(.noise-toggle:checked) .rl.noise ins{background:var(--ins-bg);color:var(--ins)}
.rl .t-noise{display:none}
.diff:has(.noise-toggle:checked) .rl .t-noise{display:inline-block}
.tags{margin:.3rem 0 0}
.tag{display:inline-block;font-size:.7rem;font-weight:600;padding:0 .4rem;border-radius:3px;background:#eef1f4;color:#5d6873}
.tag.t-unc{background:#fff1d6;color:#8a5300}
.bh{font-weight:700}
.bl{display:block;padding-left:1rem;position:relative}.bl::before{content:"•";position:absolute;left:.2rem}
.bl.l2{padding-left:2.2rem}.bl.l2::before{content:"◦";left:1.3rem}
.bn{display:flex;gap:.4rem}.bn .mk{font-weight:600}
.bt{display:flex;gap:0}.bt .cell{flex:1;padding-right:.6rem}.bt .cell+.cell{border-left:1px solid #dfe3e7;padding-left:.6rem}
details.same>summary{cursor:pointer;padding:.3rem .8rem;font-size:.8rem;color:var(--muted);background:#f6f8fa;border-top:1px solid #eceff2;list-style-position:inside}
details.same>summary:hover{color:var(--accent)}
.issues{font-size:.88rem}
.issues td:first-child{white-space:nowrap}
.sev-error{color:var(--del);font-weight:700}.sev-warning{color:#8a5300;font-weight:600}.sev-info{color:var(--muted)}
footer{max-width:92rem;margin:0 auto;padding:0 2rem 2rem;color:var(--muted);font-size:.8rem}
@media (max-width:60rem){main{padding:1rem}.diff-body{grid-template-columns:1fr}.changelist{position:static;max-height:none;border:0}
.pg,.doc:has(.scan-toggle:checked) .pg{grid-template-columns:minmax(0,1fr)}.margin{border-left:0;border-top:1px dashed var(--line);padding:.4rem 0 0}}
@media print{html{background:#fff;font-size:10.5pt}.doc,.diff,#loose{content-visibility:visible}.nav,.skip,.toolbar,.changelist .noise-only{display:none!important}
.top{background:none;color:#000;border-bottom:2px solid #000;padding:0 0 .5rem}.top p{color:#333}main{padding:0;max-width:none}
.card{border:0;padding:0;margin:0 0 1.2rem}.doc,.diff{break-before:page}.rl,.pg .clean p,.groups li,.node{break-inside:avoid}
.diff-body{grid-template-columns:1fr}.changelist{position:static;max-height:none;border:0;columns:2}
.rl.head{position:static}.pg{grid-template-columns:minmax(0,1fr) 11rem}.scan{display:none!important}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}a{color:inherit;text-decoration:none}.strip a:hover{transform:none}}
`.trim()

export const JS = `
(function () {
  var d = document
  d.documentElement.className += ' js'
  // Follow a link into a collapsed block of unchanged text: open it.
  function reveal() {
    var id = location.hash.slice(1)
    var t = id && d.getElementById(decodeURIComponent(id))
    for (var x = t && t.parentElement; x; x = x.parentElement) if (x.tagName === 'DETAILS') x.open = true
  }
  addEventListener('hashchange', reveal)
  reveal()
  // Print everything: open the collapsed blocks first.
  addEventListener('beforeprint', function () {
    var all = d.querySelectorAll('details')
    for (var i = 0; i < all.length; i++) all[i].open = true
  })
  // Keys n / p: next / previous change of the report.
  addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || (e.key !== 'n' && e.key !== 'p')) return
    var tag = e.target && e.target.tagName
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return
    var rows = d.querySelectorAll('.rl.chg[id]:not([id$="-from"])'), list = []
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i], box = r.closest('.diff'), toggle = box && box.querySelector('.noise-toggle')
      if (r.classList.contains('noise') && !(toggle && toggle.checked)) continue
      list.push(r)
    }
    var pick = null
    for (var j = 0; j < list.length; j++) {
      var top = list[j].getBoundingClientRect().top
      if (e.key === 'n' && top > 80) { pick = list[j]; break }
      if (e.key === 'p' && top < 40) pick = list[j]
    }
    if (!pick) return
    e.preventDefault()
    location.hash = '#' + pick.id
    pick.focus({ preventScroll: true })
  })
  // Sortable tables: a button in each sortable column header.
  var heads = d.querySelectorAll('table.sortable th[data-sort]')
  for (var h = 0; h < heads.length; h++) (function (th) {
    var b = d.createElement('button')
    b.type = 'button'
    b.textContent = th.textContent
    th.textContent = ''
    th.appendChild(b)
    b.addEventListener('click', function () {
      var table = th.closest('table'), body = table.tBodies[0], col = th.cellIndex
      var asc = th.getAttribute('aria-sort') !== 'ascending'
      var ths = table.querySelectorAll('th[aria-sort]')
      for (var k = 0; k < ths.length; k++) ths[k].removeAttribute('aria-sort')
      th.setAttribute('aria-sort', asc ? 'ascending' : 'descending')
      var num = th.getAttribute('data-sort') === 'num'
      var rows = Array.prototype.slice.call(body.rows)
      rows.sort(function (x, y) {
        var a = x.cells[col].getAttribute('data-v') || x.cells[col].textContent
        var c = y.cells[col].getAttribute('data-v') || y.cells[col].textContent
        var r = num ? Number(a) - Number(c) : a.localeCompare(c)
        return asc ? r : -r
      })
      for (var m = 0; m < rows.length; m++) body.appendChild(rows[m])
    })
  })(heads[h])
})()
`.trim()

/** Number of document hues in the style. */
export const HUE_COUNT = HUES.length
