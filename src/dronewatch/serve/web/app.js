// dronewatch dashboard: one page, views chosen by the URL hash; filters live in the URL too,
// so a view can be bookmarked and shared. Every number comes from the API.
"use strict";

const COLORS = {
  drone_attack: "#c0392b", drone_surveillance: "#8e44ad", drone_smuggling: "#d35400", drone_seizure: "#2471a3",
  counter_drone: "#16a085", capability_transfer: "#b7950b", infiltration_probe: "#5d6d7e", policy: "#1e8449",
};
const FILTERS = ["type", "country", "actor", "since", "until", "min_sources"];
const view = document.getElementById("view");
const form = document.getElementById("filters");
let charts = [];

function esc(s) {
  return String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

// only a web address becomes a link: a javascript: or data: URL from a hostile source never does
function webUrl(u) {
  return typeof u === "string" && /^https?:\/\//i.test(u.trim());
}

function route() {
  const raw = location.hash.slice(1) || "/";
  const [path, query] = raw.split("?");
  return { path, params: new URLSearchParams(query || "") };
}

function filterParams() {
  const p = new URLSearchParams();
  for (const k of FILTERS) {
    const v = route().params.get(k);
    if (v) p.set(k, v);
  }
  return p;
}

function go(path, params) {
  const q = params && params.toString();
  location.hash = path + (q ? "?" + q : "");
}

async function api(path, opts = {}) {
  const headers = Object.assign({}, opts.headers || {});
  const token = sessionStorage.getItem("dronewatch-token");
  if (token) headers["Authorization"] = "Bearer " + token;
  const r = await fetch(path, Object.assign({}, opts, { headers }));
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}

function syncForm() {
  const p = route().params;
  for (const k of FILTERS) form.elements[k].value = p.get(k) || "";
  document.querySelectorAll("[data-nav]").forEach((a) => {
    const name = a.dataset.nav;
    const path = route().path;
    a.classList.toggle("active", (name === "overview" && path === "/") || path.startsWith("/" + name));
    a.href = "#" + (name === "overview" ? "/" : "/" + name) + (filterParams().toString() ? "?" + filterParams() : "");
  });
}

form.addEventListener("submit", (ev) => {
  ev.preventDefault();
  const p = new URLSearchParams();
  for (const k of FILTERS) if (form.elements[k].value) p.set(k, form.elements[k].value.trim());
  const path = route().path.startsWith("/trends") ? "/trends" : "/";
  go(path, p);
});
document.getElementById("clear").addEventListener("click", () => go(route().path.startsWith("/trends") ? "/trends" : "/"));
const tokenInput = document.getElementById("token");
// the token lives for this tab only (never in localStorage, which outlives the session)
tokenInput.value = sessionStorage.getItem("dronewatch-token") || "";
tokenInput.addEventListener("change", () => sessionStorage.setItem("dronewatch-token", tokenInput.value.trim()));

function resetCharts() {
  charts.forEach((c) => c.destroy());
  charts = [];
}

async function overview() {
  const fp = filterParams();
  view.innerHTML = `
    <div class="grid">
      <div class="card"><h2>Map <span class="muted" id="map-note"></span></h2><div id="map"></div></div>
      <div class="card"><h2>Events per month, by type</h2><canvas id="timeline" height="300"></canvas></div>
    </div>
    <div class="card"><h2 id="list-title">Events</h2><table id="events"><thead><tr>
      <th>date</th><th>type</th><th>where</th><th>actor</th><th>killed/injured</th><th>sources</th><th>grade</th><th></th>
    </tr></thead><tbody></tbody></table><button id="more" hidden>more</button></div>`;
  const [points, timeline] = await Promise.all([api("/api/map?" + fp), api("/api/timeline?" + fp)]);
  drawMap(points.points);
  drawTimeline(timeline);
  let cursor = null;
  const tbody = view.querySelector("#events tbody");
  async function page() {
    const p = new URLSearchParams(fp);
    p.set("limit", "50");
    if (cursor) p.set("cursor", cursor);
    const data = await api("/api/events?" + p);
    view.querySelector("#list-title").textContent = `Events (${data.total})`;
    for (const e of data.items) {
      const tr = document.createElement("tr");
      tr.className = "row";
      tr.dataset.id = e.id;
      tr.innerHTML = `<td>${esc(e.date)}</td><td><span class="dot" style="background:${COLORS[e.type]}"></span>${esc(e.type)}</td>
        <td>${esc([e.place, e.admin1, e.country].filter(Boolean).join(", "))}</td><td>${esc(e.actor)}</td>
        <td>${e.killed ?? ""}/${e.injured ?? ""}</td><td>${e.independent_sources}/${e.sources}</td>
        <td class="grade">${esc(e.grade)}</td><td>${e.disputed ? '<span class="disputed">disputed</span>' : ""}</td>`;
      tr.addEventListener("click", () => go("/event/" + e.id, fp));
      tbody.appendChild(tr);
    }
    cursor = data.next_cursor;
    view.querySelector("#more").hidden = !cursor;
  }
  view.querySelector("#more").addEventListener("click", page);
  await page();
}

function drawMap(points) {
  // No tile server is assumed: markers sit on a plain background with a graticule.
  const map = L.map("map", { worldCopyJump: true, attributionControl: false, minZoom: 2, maxZoom: 12 }).setView([15, -80], 3);
  for (let lat = -60; lat <= 80; lat += 10) L.polyline([[lat, -180], [lat, 180]], { color: "#c5d0dc", weight: 1 }).addTo(map);
  for (let lon = -180; lon <= 180; lon += 10) L.polyline([[-60, lon], [80, lon]], { color: "#c5d0dc", weight: 1 }).addTo(map);
  const cluster = L.markerClusterGroup({ showCoverageOnHover: false });
  const bounds = [];
  for (const p of points) {
    const main = Object.entries(p.types).sort((a, b) => b[1] - a[1])[0][0];
    const m = L.circleMarker([p.lat, p.lon], {
      radius: 5 + 3 * Math.min(p.max_sources, 6), color: "#fff", weight: 1, fillColor: COLORS[main], fillOpacity: 0.85,
    });
    const list = p.events.map((e) => `<a href="#/event/${e.id}">${esc(e.date)} ${esc(e.type)}</a>`).join("<br>");
    m.bindPopup(`<b>${esc(p.place || p.admin1 || p.country)}</b><br>${p.count} event(s)<br>${list}`);
    cluster.addLayer(m);
    bounds.push([p.lat, p.lon]);
  }
  map.addLayer(cluster);
  if (bounds.length) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 6 });
  document.getElementById("map-note").textContent = `${points.length} place(s)`;
}

function drawTimeline(t) {
  resetCharts();
  const datasets = Object.entries(t.series).map(([type, counts]) => ({
    label: type, backgroundColor: COLORS[type] || "#888", data: t.months.map((m) => counts[m] || 0),
  }));
  charts.push(new Chart(document.getElementById("timeline"), {
    type: "bar", data: { labels: t.months, datasets },
    options: { animation: false, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
  }));
}

function highlight(text, spans) {
  let out = "";
  let last = 0;
  for (const [s, e] of spans.sort((a, b) => a[0] - b[0])) {
    out += esc(text.slice(last, s)) + "<mark>" + esc(text.slice(s, e)) + "</mark>";
    last = e;
  }
  return out + esc(text.slice(last));
}

async function eventPage(id) {
  const ev = await api("/api/events/" + encodeURIComponent(id));
  const label = Object.fromEntries(ev.claims.map((c) => [c.id, `${c.outlet || "?"} (${c.grade})`]));
  const rows = Object.entries(ev.fields).filter(([, d]) => d.value !== null || d.contradicting.length).map(([f, d]) => {
    const alts = Object.entries(d.alternatives).map(([v, ids]) => `${esc(v)} — ${ids.map((i) => esc(label[i])).join(", ")}`).join("<br>");
    return `<tr><th>${esc(f)}</th><td>${esc(d.value)}</td><td>${d.supporting.map((i) => esc(label[i])).join(", ")}</td>
      <td class="contra">${alts ? "⚠ " + alts : ""}</td></tr>`;
  }).join("");
  const sources = ev.claims.map((c) => `
    <div class="source" data-claim="${c.id}">
      <div class="meta"><b>${esc(c.outlet)}</b> · grade ${esc(c.grade)} · ${esc(c.published)}
        ${c.near_duplicate_of ? "· copy of an earlier text (not independent)" : ""}
        ${webUrl(c.url) ? `· <a href="${esc(c.url)}" rel="noreferrer noopener">link</a>` : ""}</div>
      <h3>${esc(c.title)}</h3>
      <p>${highlight(c.text, [c.evidence_span])}</p>
    </div>`).join("");
  view.innerHTML = `
    <div class="card"><h2>${esc(ev.type)} · ${esc(ev.date)} · ${esc([ev.place, ev.admin1, ev.country].filter(Boolean).join(", "))}</h2>
      <p>grade <span class="grade">${esc(ev.grade)}</span> · ${ev.independent_sources} independent of ${ev.sources} source(s)
      ${ev.disputed ? ' · <span class="disputed">sources disagree</span>' : ""}
      ${ev.actor ? ` · actor <a href="#/actor/${encodeURIComponent(ev.actor)}">${esc(ev.actor)}</a>` : ""}</p>
      <table id="fields"><thead><tr><th>field</th><th>value</th><th>supported by</th><th>contradicted by</th></tr></thead><tbody>${rows}</tbody></table>
    </div>
    <div class="card"><h2>Sources, with the evidence highlighted</h2>${sources}</div>`;
}

async function actorPage(name) {
  const a = await api("/api/actors/" + encodeURIComponent(name));
  view.innerHTML = `
    <div class="card"><h2>${esc(a.name)}</h2><p class="muted">${esc(a.kind)} · ${esc(a.country || "")}
      ${a.parents.length ? " · part of " + a.parents.map(esc).join(", ") : ""}</p>
      <p>${a.aliases.map((x) => `<span class="pill">${esc(x)}</span>`).join(" ")}</p></div>
    <div class="grid">
      <div class="card"><h2>Links</h2><div id="graph"></div></div>
      <div class="card"><h2>Events per month (${a.events})</h2><canvas id="actor-chart" height="260"></canvas></div>
    </div>
    <div class="card"><h2>Link evidence</h2><table><tbody>${a.links.map((e) => `<tr><td>${esc(e.subject)}</td><td><b>${esc(e.predicate)}</b></td><td>${esc(e.object)}</td><td>${esc(e.evidence[0].evidence)}</td></tr>`).join("")}</tbody></table></div>`;
  resetCharts();
  const months = Object.keys(a.events_by_month);
  charts.push(new Chart(document.getElementById("actor-chart"), {
    type: "bar", data: { labels: months, datasets: [{ label: "events", data: Object.values(a.events_by_month), backgroundColor: "#34495e" }] },
    options: { animation: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  }));
  const g = await api("/api/graph?actor=" + encodeURIComponent(a.name));
  const elements = g.nodes.map((n) => ({ data: { id: n.id, label: n.id } })).concat(
    g.edges.map((e, i) => ({ data: { id: "e" + i, source: e.source, target: e.target, label: e.predicate } })));
  window.actorGraph = cytoscape({
    container: document.getElementById("graph"), elements,
    style: [
      { selector: "node", style: { label: "data(label)", "background-color": "#2471a3", color: "#1d2430", "font-size": 10 } },
      { selector: `node[id = "${a.name.replace(/"/g, '\\"')}"]`, style: { "background-color": "#c0392b" } },
      { selector: "edge", style: { label: "data(label)", "font-size": 8, "curve-style": "bezier", "target-arrow-shape": "triangle", width: 1.5 } },
    ],
    layout: { name: "cose", animate: false },
  });
  window.actorGraph.on("tap", "node", (ev) => go("/actor/" + encodeURIComponent(ev.target.id())));
}

async function trendsPage() {
  const fp = filterParams();
  const by = route().params.get("by") || "type";
  const period = route().params.get("period") || "month";
  fp.set("by", by);
  fp.set("period", period);
  const t = await api("/api/trends?" + fp);
  view.innerHTML = `<div class="card"><h2>Events per ${esc(period)} by ${esc(by)}
      <select id="by">${["type", "country", "admin1", "actor"].map((x) => `<option ${x === by ? "selected" : ""}>${x}</option>`).join("")}</select>
      <select id="period">${["month", "week"].map((x) => `<option ${x === period ? "selected" : ""}>${x}</option>`).join("")}</select></h2>
      <canvas id="trend-chart" height="120"></canvas></div>
    <div class="card"><table><thead><tr><th>${esc(period)}</th><th>${esc(by)}</th><th>events</th><th>previous</th><th>change</th></tr></thead>
      <tbody>${t.rows.map((r) => `<tr><td>${esc(r.period)}</td><td>${esc(r.key)}</td><td>${r.count}</td><td>${r.previous}</td>
        <td>${r.change === null ? "new" : (r.change >= 0 ? "+" : "") + Math.round(r.change * 100) + "%"}</td></tr>`).join("")}</tbody></table></div>`;
  resetCharts();
  charts.push(new Chart(document.getElementById("trend-chart"), {
    type: "line", data: { labels: Object.keys(t.totals), datasets: [{ label: "all events", data: Object.values(t.totals), borderColor: "#c0392b" }] },
    options: { animation: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  }));
  const change = () => {
    const p = filterParams();
    p.set("by", view.querySelector("#by").value);
    p.set("period", view.querySelector("#period").value);
    go("/trends", p);
  };
  view.querySelector("#by").addEventListener("change", change);
  view.querySelector("#period").addEventListener("change", change);
}

async function reviewPage() {
  const c = await api("/api/candidates");
  view.innerHTML = `<div class="card"><h2>Candidate actors for review (${c.total})</h2>
    <p class="muted">Names extraction found next to a group word that the registry does not know. Confirming or rejecting needs an analyst token.</p>
    <table><thead><tr><th>name</th><th>mentions</th><th>events</th><th></th></tr></thead><tbody>
    ${c.items.map((r) => `<tr data-name="${esc(r.name)}"><td>${esc(r.name)}</td><td>${r.mentions}</td><td>${r.events}</td>
      <td><button class="small" data-act="confirm">confirm</button> <button class="small" data-act="reject">reject</button></td></tr>`).join("")}
    </tbody></table><p id="review-msg" class="muted"></p></div>`;
  view.querySelectorAll("button[data-act]").forEach((b) => b.addEventListener("click", async () => {
    const name = b.closest("tr").dataset.name;
    try {
      await api("/api/actors/decisions", { method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ action: b.dataset.act, subject: name }) });
      reviewPage();
    } catch (err) {
      view.querySelector("#review-msg").textContent = err.message;
    }
  }));
}

async function screenPage(rosterId) {
  view.innerHTML = `<div class="card"><h2>Screen a roster</h2>
    <p class="muted">A CSV with columns name, aliases, birth_date, nationality, document_numbers, recruiter.
    Needs an analyst token (top right). Screening is logged; rosters are deleted after the retention period.</p>
    <form id="screen-form"><input type="file" name="file" accept=".csv" required> <button type="submit">screen</button></form>
    <p id="screen-msg" class="muted"></p></div><div id="screen-results"></div>`;
  view.querySelector("#screen-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const data = new FormData(ev.target);
    try {
      const r = await api("/api/screen", { method: "POST", body: data });
      go("/screen/" + r.roster);
    } catch (err) {
      view.querySelector("#screen-msg").textContent = err.message;
    }
  });
  if (!rosterId) return;
  const res = await api("/api/screen/" + encodeURIComponent(rosterId));
  const rows = res.results.map((r) => {
    const m = r.matches[0];
    const why = m ? m.reasons.map(esc).join("<br>") : "no match";
    const path = (r.paths || []).filter((p) => p.length).map((p) => [esc(p[0].from)].concat(p.map((h) => `<i>${esc(h.link)}</i> ${esc(h.to)}`)).join(" → ")).join("<br>");
    return `<tr data-row="${r.row}"><td>${r.row}</td><td>${esc(r.name)}</td>
      <td class="${m && m.likely ? "disputed" : ""}">${m ? esc(m.name) + (m.tie && m.tie !== m.name ? ` <span class="muted">(${esc(m.tie)})</span>` : "") : ""}</td>
      <td>${m ? m.score.toFixed(2) : ""}</td><td>${why}</td><td>${path}</td>
      <td class="decision">${esc(r.decision || "")}</td>
      <td>${m ? '<button class="small" data-d="confirmed">confirm</button> <button class="small" data-d="cleared">clear</button>' : ""}</td></tr>`;
  }).join("");
  view.querySelector("#screen-results").innerHTML = `<div class="card"><h2>Roster ${esc(res.name)} · ${res.rows} row(s)
    <a class="small" href="/api/screen/${encodeURIComponent(rosterId)}/report" target="_blank">printable report</a></h2>
    <table id="screen-table"><thead><tr><th>row</th><th>name</th><th>best match</th><th>score</th><th>why</th><th>recruiter path</th><th>decision</th><th></th></tr></thead>
    <tbody>${rows}</tbody></table></div>`;
  view.querySelectorAll("#screen-table button[data-d]").forEach((b) => b.addEventListener("click", async () => {
    const row = Number(b.closest("tr").dataset.row);
    await api(`/api/screen/${encodeURIComponent(rosterId)}/decisions`, { method: "POST",
      headers: { "Content-Type": "application/json" }, body: JSON.stringify({ row, decision: b.dataset.d }) });
    b.closest("tr").querySelector(".decision").textContent = b.dataset.d;
  }));
}

async function render() {
  syncForm();
  const { path } = route();
  try {
    if (path.startsWith("/event/")) await eventPage(decodeURIComponent(path.slice(7)));
    else if (path.startsWith("/actor/")) await actorPage(decodeURIComponent(path.slice(7)));
    else if (path.startsWith("/trends")) await trendsPage();
    else if (path.startsWith("/review")) await reviewPage();
    else if (path.startsWith("/screen")) await screenPage(decodeURIComponent(path.slice(8)));
    else await overview();
    document.body.dataset.ready = path;
  } catch (err) {
    console.error(err);
    view.innerHTML = `<div class="card"><h2>Error</h2><p>${esc(err.message || String(err))}</p></div>`;
    document.body.dataset.ready = "error";
  }
}

window.addEventListener("hashchange", render);
api("/api/actors?limit=200").then((a) => {
  document.getElementById("actor-list").innerHTML = a.items.map((x) => `<option value="${esc(x.name)}">`).join("");
}).catch(() => {});
render();
