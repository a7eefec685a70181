// The report's inline CSS and JS. No URL, no comment starting with two
// slashes (the tests reject "//" anywhere in the page), nothing fetched.
#include "inspect/html_parts.hpp"

namespace glass::inspect::html {

const char* const kStyle = R"CSS(
*{box-sizing:border-box}
body{font-family:system-ui,sans-serif;margin:0 auto;padding:1em 1.4em;max-width:1500px;color:#1d1d1f;background:#fafaf7;line-height:1.4}
h1{font-size:1.45em;margin:.2em 0}h2{font-size:1.15em;margin:1.4em 0 .5em;border-bottom:1px solid #ccc}
h3{font-size:1.1em;margin:.1em 0 .5em}h4{font-size:.95em;margin:1em 0 .35em;color:#333}
code,pre,.mono{font-family:ui-monospace,Menlo,Consolas,monospace}
.facts{color:#444}.facts b{color:#111}
.muted{color:#777}.err{color:#b00020;font-weight:bold}
.summary{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1em;background:#fff;border:1px solid #ddd;border-radius:6px;padding:.8em 1em}
.verdict{font-size:1.1em;font-weight:bold;margin:0 0 .4em}.verdict.ok{color:#1e7b3c}.verdict.bad{color:#b00020}
.ids th{text-align:left;color:#555;font-weight:normal;padding-right:.8em;vertical-align:top;white-space:nowrap}
.ids td{overflow-wrap:anywhere}
.diag{background:#fff3f2;border-left:4px solid #b00020;padding:.5em .7em;margin:0;white-space:pre-wrap;overflow-wrap:anywhere;font-size:.88em}
.diag .lc{font-weight:bold;color:#8a0015}
pre.para{white-space:pre-wrap;overflow-wrap:anywhere;font-size:.85em;margin:.3em 0}
.main{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1.12fr);gap:1.2em;align-items:start}
.legend{font-size:.85em;color:#333;margin:.2em 0 .6em}.legend .hint{color:#666;margin-left:.8em}
.sw{display:inline-block;width:1.6em;height:.45em;border-radius:2px;margin:0 .3em 0 .8em;vertical-align:middle}
.sw.k-plain{background:#8a8f98}.sw.k-hs{background:#d97706}.sw.k-app{background:#15803d}
.ladder{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.3em 0 .6em}
.lanes-h,.arrow,.marker{display:grid;grid-template-columns:8.5em minmax(0,1fr) 8.5em;align-items:center}
.lanes-h{position:sticky;top:0;background:#fff;z-index:1;border-bottom:1px solid #eee;padding:.2em 0}
.lanes-h .lane{text-align:center}.lanes-h small{display:block;color:#555;font-size:.72em;overflow-wrap:anywhere}
.lane{padding:0 .5em;font-size:.8em;color:#444;white-space:nowrap}
.lanes-h .lane{white-space:normal}
.lane.l{text-align:right;border-right:3px solid #2563eb}.lane.r{text-align:left;border-left:3px solid #9333ea}
.flight{margin:.15em 0;position:relative}.flight.fc{background:linear-gradient(90deg,#eef4ff,transparent 60%)}
.flight.fs{background:linear-gradient(270deg,#f6eeff,transparent 60%)}
.flabel{font-size:.7em;color:#777;text-transform:uppercase;letter-spacing:.05em;padding:.25em 9.5em 0}
.arrow{color:inherit;text-decoration:none;cursor:pointer;padding:.1em 0;border-radius:4px}
.arrow:hover{background:#f2f2ee}.arrow.sel{background:#fff7d6;outline:1px solid #e5c45a}
.arrow .mid{display:flex;flex-direction:column;align-items:center;padding:.15em .6em;min-width:0}
.aname{font-weight:600;font-size:.92em;text-align:center;overflow-wrap:break-word}
.line{display:block;position:relative;width:100%;height:3px;background:currentColor;margin:.25em 0}
.k-plain .line{color:#8a8f98}.k-hs .line{color:#d97706}.k-app .line{color:#15803d}
.alert .line{background:repeating-linear-gradient(90deg,#b00020 0 8px,transparent 8px 12px)}.alert .aname{color:#b00020}
.c2s .line::after,.s2c .line::after{content:"";position:absolute;top:-5px;border:6.5px solid transparent}
.c2s .line::after{right:-2px;border-left:10px solid currentColor;border-right:0}
.s2c .line::after{left:-2px;border-right:10px solid currentColor;border-left:0}
.alert.c2s .line::after{border-left-color:#b00020}.alert.s2c .line::after{border-right-color:#b00020}
.badge{font-size:.72em;border-radius:3px;padding:0 .35em;margin-top:.1em;text-align:center}
.badge.bad{background:#fde2e1;color:#8a0015}.badge.good{background:#dcfce7;color:#14532d}
.marker{font-size:.8em;margin:.15em 0}
.marker .mtext{grid-column:1/4;border-top:2px dashed #15803d;color:#14532d;padding:.1em .6em}
.marker.ms .mtext{text-align:right}.marker.bad .mtext{border-color:#b00020;color:#8a0015}
.sn{font-family:ui-monospace,monospace;color:#555}
.panels{position:sticky;top:.5em;max-height:calc(100vh - 1em);overflow-y:auto;min-width:0}
.panel{display:none;background:#fff;border:1px solid #ddd;border-radius:6px;padding:.7em 1em}
.panel.open,.panel:target{display:block}
.panel .dir{font-weight:normal;color:#555;font-size:.85em}
.kb{font-size:.72em;font-weight:normal;border-radius:3px;padding:.05em .4em;color:#fff;vertical-align:middle}
.kb.k-plain{background:#6b7280}.kb.k-hs{background:#b45309}.kb.k-app{background:#15803d}
.prose{margin:.2em 0 .6em}.rfc{color:#555;font-size:.9em;white-space:nowrap}
.sides{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:.8em}
.side{border-top:3px solid #2563eb;background:#f8faff;padding:.2em .6em;font-size:.88em;overflow-wrap:break-word}
.side.server{border-top-color:#9333ea;background:#fbf8ff}.side h4{margin:.2em 0}.side p{margin:.2em 0}
ul.states{margin:.2em 0;padding-left:1em}ul.states code{font-size:.92em}
.sub{font-size:.82em;color:#555;margin:.7em 0 .2em;font-weight:600}
.dissect{border:1px solid #eee;border-radius:4px;padding:.3em .5em;background:#fdfdfb}
ul.tree{list-style:none;margin:0;padding-left:1em;font-size:.8em}ul.tree ul.tree{font-size:1em}ul.tree.top{padding-left:0}
ul.tree li{margin:.05em 0}.fl{display:block;overflow-wrap:anywhere}
.rng{font-family:ui-monospace,monospace;color:#555;padding:0 .15em;border-radius:2px}
.val{color:#075e3b}.hx{font-family:ui-monospace,monospace;color:#666}.nt{color:#777;font-style:italic}
.nt::before{content:"— "}
pre.hex{font-size:.78em;line-height:1.45;background:#f4f4ef;padding:.4em .5em;margin:.4em 0 0;overflow-x:auto;white-space:pre}
.off{color:#999}
.c0{background:#dbeafe}.c1{background:#ffedd5}.c2{background:#dcfce7}.c3{background:#fae8ff}.c4{background:#fef9c3}.c5{background:#e0e7ff}
.hl{outline:2px solid #dc2626;background:#fecaca!important}
table.kv{border-collapse:collapse;width:100%;table-layout:fixed;font-size:.82em;margin:.3em 0}
table.kv th{width:8em;text-align:left;font-weight:normal;color:#555;vertical-align:top;padding:.1em .4em .1em 0}
table.kv td{padding:.1em 0;vertical-align:top}
code.hexv{word-break:break-all;overflow-wrap:anywhere}
pre.cmd{white-space:pre-wrap;word-break:break-all;background:#1f2937;color:#e5e7eb;padding:.45em .6em;border-radius:4px;font-size:.76em;margin:.3em 0}
.work{border-left:3px solid #d97706;padding:.1em 0 .1em .6em;margin:.4em 0}
.wlabel{font-weight:600}.formula{font-size:.85em;color:#333;overflow-wrap:anywhere}
.checkby{font-size:.8em;color:#555;margin-top:.5em}
ul.ktree{list-style:none;padding-left:1.4em;margin:0;border-left:2px solid #e5e7eb}ul.ktree.root{padding-left:0;border-left:0}
.node{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.4em .7em;margin:.4em 0;max-width:70em}
.node .nhead{display:flex;flex-wrap:wrap;gap:.6em;align-items:baseline}.klabel{font-weight:700}
.node.bad{border-color:#b00020}
.node .work{border-left-color:#15803d}
table.steps{border-collapse:collapse;width:100%;table-layout:fixed;font-size:.85em;background:#fff}
table.steps td{border-bottom:1px solid #eee;padding:.15em .4em;vertical-align:top;overflow-wrap:break-word}
table.steps td.num,table.steps td.sd,table.steps td.kd,table.steps td.go{white-space:nowrap}
table.steps col.n{width:3.5em}table.steps col.s{width:4.5em}table.steps col.k{width:5.5em}table.steps col.g{width:6em}
table.steps td.num{text-align:right;font-family:ui-monospace,monospace;color:#555}
table.steps tr.client td.sd{color:#1d4ed8}table.steps tr.server td.sd{color:#7e22ce}
table.steps tr.alert td{color:#8a0015}
pre.det{white-space:pre-wrap;word-break:break-all;font-size:.78em;background:#f4f4ef;padding:.3em .5em;margin:.2em 0}
details>summary{cursor:pointer;color:#555;font-size:.85em}
#selftest-result{white-space:pre-wrap;word-break:break-all}
@media (max-width:900px){.main,.summary{grid-template-columns:minmax(0,1fr)}.panels{position:static;max-height:none}}
)CSS";

const char* const kScript = R"JS(
(function(){
  var panels=[].slice.call(document.querySelectorAll('.panel'));
  var arrows=[].slice.call(document.querySelectorAll('#ladder a.arrow'));
  function open(n){
    n=String(n);
    panels.forEach(function(p){p.classList.toggle('open',p.getAttribute('data-panel')===n);});
    arrows.forEach(function(a){a.classList.toggle('sel',a.getAttribute('data-arrow')===n);});
    var box=document.getElementById('panels');if(box)box.scrollTop=0;
  }
  document.addEventListener('click',function(ev){
    var a=ev.target.closest('a[data-arrow]');if(!a)return;
    ev.preventDefault();
    var n=a.getAttribute('data-arrow');open(n);
    if(!a.classList.contains('arrow')){var t=document.getElementById('arrow-'+n);if(t)t.scrollIntoView({block:'center'});}
    var p=document.getElementById('panels');if(p&&p.getBoundingClientRect().top<0)p.scrollIntoView();
  });
  document.addEventListener('mouseover',function(ev){
    document.querySelectorAll('.hl').forEach(function(x){x.classList.remove('hl');});
    var t=ev.target.closest('[data-f]');if(!t)return;
    var box=t.closest('.dissect');if(!box)return;
    box.querySelectorAll('[data-f="'+t.getAttribute('data-f')+'"]').forEach(function(x){x.classList.add('hl');});
  });
  function overflowing(root,where,out){
    root.querySelectorAll('td,th,pre,p,li,div,h1,h2,h3,h4,section,a.arrow,span.fl,span.mid,span.lane,span.aname,span.badge,span.mtext').forEach(function(el){
      var cs=getComputedStyle(el);
      if(cs.display==='inline'||cs.display==='none'||el.clientWidth===0)return;
      if(el.scrollWidth>el.clientWidth+1)out.push(where+': '+el.tagName.toLowerCase()+'.'+el.className+' '+el.scrollWidth+'>'+el.clientWidth);
    });
  }
  function selftest(){
    var r={'arrows':arrows.length,'opened':0,'failed':[],'hovered':0,'unlit':[],'overflow':[],'kinds':{}};
    document.querySelectorAll('details').forEach(function(d){d.open=true;});
    arrows.forEach(function(a){
      var n=a.getAttribute('data-arrow'),k=a.getAttribute('data-kind');
      r.kinds[k]=(r.kinds[k]||0)+1;
      a.click();
      var p=document.getElementById('panel-'+n);
      var shown=panels.filter(function(x){return getComputedStyle(x).display!=='none';});
      var ok=p&&shown.length===1&&shown[0]===p&&a.classList.contains('sel')&&p.querySelector('.prose')&&
             p.querySelector('.aname').textContent===a.querySelector('.aname').textContent;
      if(ok)r.opened++;else r.failed.push(n);
      var b=p&&p.querySelector('pre.hex span[data-f]');
      var f=b&&p.querySelector('.rng[data-f="'+b.getAttribute('data-f')+'"]');
      if(f){
        f.dispatchEvent(new MouseEvent('mouseover',{bubbles:true}));
        if(b.classList.contains('hl')&&f.classList.contains('hl'))r.hovered++;else r.unlit.push(n);
      }else if(p&&p.querySelector('.dissect'))r.unlit.push(n);
      if(p)overflowing(p,'panel-'+n,r.overflow);
    });
    overflowing(document.body,'page',r.overflow);
    var out=document.createElement('pre');out.id='selftest-result';
    out.textContent=JSON.stringify(r);document.body.appendChild(out);
  }
  var h=location.hash.slice(1);
  if(h==='selftest')selftest();
  else if(h.indexOf('panel-')===0)open(h.slice(6));
  else if(h.indexOf('show-')===0)open(h.slice(5));
  else if(arrows.length)open(arrows[0].getAttribute('data-arrow'));
})();
)JS";

}  // namespace glass::inspect::html
