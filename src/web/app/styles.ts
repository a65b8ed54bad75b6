// The web app's one stylesheet, mobile first: a single column that widens on larger screens,
// tables that become stacked cards below 40rem (each cell labelled by its data-label), forms
// with their errors next to the field, and colours that keep WCAG AA contrast.
export const APP_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;color:#1d232a;background:#f6f7f4;-webkit-text-size-adjust:100%}
body{margin:0}
a{color:#1a5c8a}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible{outline:3px solid #c76b00;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem}
.skip:focus{left:.5rem;z-index:10}
header.site{background:#24452f;color:#fff}
header.site .bar{max-width:64rem;margin:0 auto;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center}
header.site a,header.site button.link{color:#fff}
header.site .brand{font-weight:700;font-size:1.15rem;text-decoration:none;margin-right:auto}
header.site nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
header.site form{display:inline;margin:0}
button.link{background:none;border:0;padding:0;font:inherit;text-decoration:underline;cursor:pointer}
main{max-width:64rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
h3{font-size:1.05rem;margin:1rem 0 .5rem}
.lead{font-size:1.05rem;color:#3a434c}
.muted{color:#4f5963}
.card{background:#fff;border:1px solid #d5d9d0;border-radius:.5rem;padding:1rem;margin:0 0 1rem}
.cards{display:grid;gap:1rem;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr))}
.subnav{display:flex;flex-wrap:wrap;gap:.25rem .75rem;margin:0 0 1rem;padding:0;list-style:none}
.subnav a[aria-current="page"]{font-weight:700;text-decoration:none;border-bottom:3px solid #24452f}
form.stack{display:grid;gap:.75rem;max-width:28rem}
label{font-weight:600;display:block}
input,select,textarea{font:inherit;padding:.45rem .5rem;border:1px solid #6b737b;border-radius:.3rem;width:100%;background:#fff;color:inherit}
input[type=checkbox],input[type=radio]{width:auto}
.field .hint{font-size:.9rem;color:#4f5963;margin:.15rem 0 0}
.field .error,.error-text{color:#a4161a;font-weight:600;margin:.25rem 0 0}
.field input[aria-invalid="true"]{border-color:#a4161a;border-width:2px}
button,.button{font:inherit;display:inline-block;background:#24452f;color:#fff;border:0;border-radius:.3rem;padding:.5rem 1rem;cursor:pointer;text-decoration:none}
button.secondary,.button.secondary{background:#fff;color:#24452f;border:1px solid #24452f}
button.danger{background:#a4161a}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.notice{border-left:4px solid #1a5c8a;background:#eaf2f8;padding:.75rem 1rem;margin:0 0 1rem}
.notice.ok{border-color:#2d6a3e;background:#e8f3ea}
.notice.refused{border-color:#a4161a;background:#fbeaea}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #e1e4dc;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:.25rem 0}
.chart svg{max-width:100%;height:auto}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0}
@media (max-width:40rem){
  table.stack thead{position:absolute;left:-9999px}
  table.stack,table.stack tbody,table.stack tr,table.stack td{display:block;width:100%}
  table.stack tr{border:1px solid #d5d9d0;border-radius:.4rem;margin:0 0 .75rem;background:#fff}
  table.stack td{border:0;display:flex;justify-content:space-between;gap:1rem;text-align:right}
  table.stack td::before{content:attr(data-label);font-weight:600;text-align:left}
  dl.facts{grid-template-columns:1fr}
}
/* Member pages (member/): cards of tasks, slots and goods with their facts stacked */
.card>h2:first-child{margin-top:0}
dl.facts.stacked{grid-template-columns:1fr;gap:0}
dl.facts.stacked dd{margin:0 0 .5rem}
.card form.stack{margin-top:.75rem}
ul.slots{list-style:none;padding:0;display:grid;gap:1rem;grid-template-columns:repeat(auto-fill,minmax(18rem,1fr))}
p.stage{font-weight:600}
/* Projects and coordination: the cycle's stages, the link to hand over, long audit details. */
ol.stages{display:flex;flex-wrap:wrap;gap:.25rem;list-style:none;padding:0;margin:0 0 1rem;counter-reset:stage}
ol.stages li{counter-increment:stage;border:1px solid #d5d9d0;border-radius:1rem;padding:.1rem .6rem;background:#fff;font-size:.9rem}
ol.stages li::before{content:counter(stage) ". "}
ol.stages li[aria-current]{background:#24452f;color:#fff;border-color:#24452f;font-weight:700}
ul.cards.plain{list-style:none;padding:0}
section.card>form.actions{margin-top:1rem}
.card>h2:first-child,.card>h3:first-child{margin-top:0}
td form{margin:0}
.handover{border-color:#2d6a3e;border-width:2px}
.handover input{font-family:ui-monospace,monospace;font-size:.9rem}
td.detail,.error-text,.notice{overflow-wrap:anywhere}
@media (max-width:40rem){table.stack caption{display:block;width:100%}}
/* Open books, association and simulate (issue 16): charts scale to the page, the report's
   tables stack like table.stack on phones, long hashes wrap. */
.chart svg{max-width:100%;height:auto}
.report-part{margin:0 0 1.5rem}
.report-part details{margin:.5rem 0}
details.uri{margin-bottom:1.25rem}
.table-wrap table{border-collapse:collapse;width:100%}
.table-wrap th,.table-wrap td{padding:.3rem .5rem;border-bottom:1px solid #d5d9d0;text-align:left}
.table-wrap .num{text-align:right;font-variant-numeric:tabular-nums}
code.hash,.journal code{overflow-wrap:anywhere}
ul.chain,.chain-inner{margin:.25rem 0 .25rem 1rem}
.books-links{list-style:none;padding:0}
.side-by-side{display:grid;gap:1rem}
form.stack.wide{max-width:none}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.report-frame figure{margin:.75rem 0}
.report-frame figure svg{max-width:100%;height:auto}
tr.flagged{background:#fff4e0}
@media (min-width:60rem){.side-by-side{grid-template-columns:minmax(0,1fr) minmax(0,1fr)}}
.side-by-side table{width:100%;table-layout:fixed;font-size:.85rem;overflow-wrap:anywhere}
dl.settings-now{margin:0 0 1.25rem}
.report-frame{border:1px solid #d5d9d0;background:#fff;padding:.5rem;overflow-wrap:anywhere}
textarea.scenario{font-family:ui-monospace,monospace;font-size:.85rem;min-height:16rem}
@media (max-width:40rem){
  main table.stack caption,.table-wrap caption{display:block;text-align:left}
  .table-wrap thead{position:absolute;left:-9999px}
  .table-wrap table,.table-wrap tbody,.table-wrap tr,.table-wrap td,.table-wrap th[scope=row]{display:block;width:100%}
  .table-wrap tr{border:1px solid #d5d9d0;border-radius:.4rem;margin:0 0 .75rem;background:#fff}
  .table-wrap td{border:0;display:flex;justify-content:space-between;gap:1rem;text-align:right}
  .table-wrap td::before{content:attr(data-label);font-weight:600;text-align:left}
}
`;
