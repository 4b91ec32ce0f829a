"use strict";
// The status page: one JSON snapshot of the cluster per second from /status/ws of the node that served it, the first
// with every node's stats of the last three minutes (kept by the node), which start the charts.
// Rates are differences between a node's successive totals.
(() => {
  const historyLength = 180;
  const palette = ["#2f6fdf", "#e07b22", "#1f8a4c", "#9b3fc4", "#c0392b", "#16a2a8", "#7a6a00", "#d6336c"];
  const previous = new Map();
  const history = { clients: new Map(), messagesIn: [], messagesOut: [], bytesIn: [], bytesOut: [], drops: [] };
  let updates = 0;

  const $ = id => document.getElementById(id);
  const number = n => n >= 1e9 ? (n / 1e9).toFixed(1) + "G" : n >= 1e6 ? (n / 1e6).toFixed(1) + "M" : n >= 1e4 ? (n / 1e3).toFixed(1) + "k" : n < 10 && n % 1 !== 0 ? String(Number(n.toFixed(2))) : String(Math.round(n));
  const bytes = n => n >= 1 << 30 ? (n / (1 << 30)).toFixed(1) + " GiB" : n >= 1 << 20 ? (n / (1 << 20)).toFixed(1) + " MiB" : n >= 1 << 10 ? (n / (1 << 10)).toFixed(1) + " KiB" : Math.round(n) + " B";
  // permessage-deflate since start, cluster-wide: uncompressed size over compressed, "–" when nothing was compressed.
  const ratio = (uncompressed, compressed) => compressed > 0 ? (uncompressed / compressed).toFixed(1) + "×" : "–";
  // A member's address as --seed writes it (host:port), without Akka's protocol and system name.
  const hostPort = address => address.replace(/^[a-z.]+:\/\/[^@]*@/, "");
  const push = (series, value) => { series.push(value); if (series.length > historyLength) series.shift(); };

  function totals(node) {
    const c = node.connections, r = node.router;
    return {
      messagesIn: c.messagesInText + c.messagesInBinary,
      messagesOut: c.messagesOutText + c.messagesOutBinary,
      bytesIn: c.bytesInText + c.bytesInBinary,
      bytesOut: c.bytesOutText + c.bytesOutBinary,
      drops: c.slowClientDrops + r.unicastsToUnknownClients + r.undeliveredToUnreachableNodes + r.undeliveredToRemovedNodes + (node.pipeOut ? node.pipeOut.recordsDropped : 0),
    };
  }

  // Per second, from this node's previous stats; zero for its first ones. The same stats seen again (the feed and the
  // collectors tick apart) keep their rates and are not fresh: they add no point to the charts.
  function rates(node) {
    const before = previous.get(node.address);
    if (before && before.at === node.unixTimeMilliseconds) return { ...before.rates, fresh: false };
    const now = totals(node);
    const seconds = before ? (node.unixTimeMilliseconds - before.at) / 1000 : 0;
    const rate = key => seconds > 0 ? Math.max(0, (now[key] - before.totals[key]) / seconds) : 0;
    const r = { now, messagesIn: rate("messagesIn"), messagesOut: rate("messagesOut"), bytesIn: rate("bytesIn"), bytesOut: rate("bytesOut"), drops: rate("drops") };
    previous.set(node.address, { at: node.unixTimeMilliseconds, totals: now, rates: r });
    return { ...r, fresh: true };
  }

  // One moment of the cluster (every node's stats of about the same second): its sums, and a point on each chart
  // when some node's stats are new.
  function accumulate(nodes) {
    const sum = { clients: 0, messagesIn: 0, messagesOut: 0, bytesIn: 0, bytesOut: 0, drops: 0, dropRate: 0, slow: 0, deflateOut: [0, 0], deflateIn: [0, 0] };
    const rated = nodes.map(node => ({ node, r: rates(node) }));
    for (const { node, r } of rated) {
      sum.clients += node.router.connections;
      sum.messagesIn += r.messagesIn; sum.messagesOut += r.messagesOut;
      sum.bytesIn += r.bytesIn; sum.bytesOut += r.bytesOut;
      sum.drops += r.now.drops; sum.dropRate += r.drops;
      sum.slow += node.connections.slowClients;
      sum.deflateOut[0] += node.connections.compressedOutPlainBytes || 0; sum.deflateOut[1] += node.connections.compressedOutBytes || 0;
      sum.deflateIn[0] += node.connections.compressedInPlainBytes || 0; sum.deflateIn[1] += node.connections.compressedInBytes || 0;
      if (!r.fresh) continue;
      const series = history.clients.get(node.nodeName) || [];
      push(series, node.router.connections);
      history.clients.set(node.nodeName, series);
    }
    if (rated.some(({ r }) => r.fresh)) {
      push(history.messagesIn, sum.messagesIn); push(history.messagesOut, sum.messagesOut);
      push(history.bytesIn, sum.bytesIn); push(history.bytesOut, sum.bytesOut);
      push(history.drops, sum.dropRate);
    }
    return { sum, rated };
  }

  // The feed's first message: each node's stats of the last minutes, oldest first; the k-th newest of every node
  // are one moment (each node collects once a second).
  function replay(series) {
    const length = Math.max(0, ...series.map(s => s.length));
    for (let back = length - 1; back >= 0; back--)
      accumulate(series.map(s => s[s.length - 1 - back]).filter(Boolean));
  }

  function render(snapshot) {
    updates++;
    document.body.dataset.updates = String(updates);
    if (snapshot.history) replay(snapshot.history);
    const members = new Map(snapshot.members.map(m => [m.address, m]));
    const self = snapshot.nodes.find(n => n.address === snapshot.selfAddress);
    $("self-node").textContent = self ? self.nodeName : snapshot.selfAddress;
    const { sum, rated } = accumulate(snapshot.nodes);
    const rows = rated.map(({ node, r }) => {
      const member = members.get(node.address);
      const state = !member ? "gone" : member.reachable ? member.status : "Unreachable";
      return { node, r, state, age: (Date.now() - node.unixTimeMilliseconds) / 1000 };
    });
    for (const m of snapshot.members) {
      if (!snapshot.nodes.some(n => n.address === m.address))
        rows.push({ node: null, member: m, state: m.reachable ? m.status : "Unreachable" });
    }
    $("node-count").textContent = String(snapshot.members.length);
    $("total-clients").textContent = String(sum.clients);
    $("messages-in-rate").textContent = number(sum.messagesIn);
    $("messages-out-rate").textContent = number(sum.messagesOut);
    $("bytes-in-rate").textContent = bytes(sum.bytesIn);
    $("bytes-out-rate").textContent = bytes(sum.bytesOut);
    $("compression-ratio").textContent = ratio(...sum.deflateOut) + " / " + ratio(...sum.deflateIn);
    $("total-drops").textContent = number(sum.drops);
    $("slow-clients").textContent = String(sum.slow);
    renderTable(rows);
    drawChart($("chart-clients"), [...history.clients.entries()].map(([name, values], i) => ({ name, values, color: palette[i % palette.length] })), number, true);
    drawChart($("chart-messages"), [{ name: "in", values: history.messagesIn, color: palette[0] }, { name: "out", values: history.messagesOut, color: palette[1] }], number);
    drawChart($("chart-bytes"), [{ name: "in", values: history.bytesIn, color: palette[0] }, { name: "out", values: history.bytesOut, color: palette[1] }], bytes, true);
    drawChart($("chart-drops"), [{ name: "drops", values: history.drops, color: palette[4] }], number);
  }

  function renderTable(rows) {
    const body = document.querySelector("#nodes tbody");
    // On a narrow screen each row is a card of "header: value" lines (status.css).
    const labels = [...document.querySelectorAll("#nodes thead th")].map(th => th.textContent);
    body.replaceChildren(...rows.map(({ node, member, r, state, age }) => {
      const tr = document.createElement("tr");
      const cells = node
        ? [node.nodeName, hostPort(node.address), state, node.router.connections, number(r.messagesIn), number(r.messagesOut), bytes(r.bytesIn), bytes(r.bytesOut),
           number(r.now.drops), node.connections.slowClients, bytes(node.connections.queuedBytes),
           node.pipeIn ? number(node.pipeIn.recordsIn) : "–", node.pipeOut ? number(node.pipeOut.recordsDropped) : "–",
           node.networkPipes ? node.networkPipes.producers + " / " + node.networkPipes.watchers : "–", age.toFixed(0) + " s ago"]
        : ["?", hostPort(member.address), state, "–", "–", "–", "–", "–", "–", "–", "–", "–", "–", "–", "no stats yet"];
      const names = ["name", "address", "member-state", "clients"];
      cells.forEach((value, i) => {
        const td = document.createElement("td");
        td.textContent = String(value);
        td.dataset.label = labels[i];
        if (names[i]) td.className = names[i];
        if (names[i] === "address") td.title = node ? node.address : member.address;
        tr.appendChild(td);
      });
      tr.dataset.node = node ? node.nodeName : member.address;
      if (state === "Unreachable") tr.classList.add("unreachable");
      else if (node && age > 5) tr.classList.add("stale");
      return tr;
    }));
  }

  // Four steps of a round size, 1, 2 or 5 × 10^k (a whole number when the series count things or bytes), from zero up.
  function axisStep(max, whole) {
    const raw = (whole ? Math.max(max, 4) : max) / 4;
    const power = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map(f => f * power).find(s => s >= raw * (1 - 1e-9));
    return whole ? Math.max(1, Math.ceil(step)) : step;
  }

  // A line per series, newest on the right, the y axis from zero to just above the largest value shown, in round
  // steps; the axis's labels are also the canvas's accessible name.
  function drawChart(canvas, series, format, whole = false) {
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth || canvas.width, height = canvas.clientHeight || canvas.height;
    canvas.width = width * ratio; canvas.height = height * ratio;
    const g = canvas.getContext("2d");
    g.scale(ratio, ratio);
    g.clearRect(0, 0, width, height);
    const left = 56, right = 8, top = 8, bottom = 20;
    const tick = axisStep(Math.max(1, ...series.flatMap(s => s.values)), whole);
    const max = tick * 4;
    const labels = [];
    g.strokeStyle = "#dde1e8"; g.fillStyle = "#6b7385"; g.font = "11px system-ui, sans-serif"; g.lineWidth = 1;
    for (let i = 0; i <= 4; i++) {
      const y = top + (height - top - bottom) * i / 4;
      g.beginPath(); g.moveTo(left, y); g.lineTo(width - right, y); g.stroke();
      const label = format(tick * (4 - i));
      labels.unshift(label);
      g.fillText(label, 4, y + 4);
    }
    canvas.dataset.points = String(Math.max(0, ...series.map(s => s.values.length)));
    const caption = canvas.closest("figure")?.querySelector("figcaption")?.textContent || canvas.id;
    canvas.setAttribute("aria-label", caption + ": y axis " + labels.join(", "));
    const step = (width - left - right) / (historyLength - 1);
    series.forEach((s, index) => {
      g.strokeStyle = s.color; g.lineWidth = 2; g.beginPath();
      const offset = historyLength - s.values.length;
      s.values.forEach((v, i) => {
        const x = left + (offset + i) * step, y = top + (height - top - bottom) * (1 - v / max);
        if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
      });
      g.stroke();
      g.fillStyle = s.color;
      g.fillText(s.name, left + 8 + index * 90, height - 5);
    });
  }

  function connect() {
    const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/status/ws";
    const socket = new WebSocket(url);
    const state = $("feed-state");
    socket.onopen = () => { state.textContent = "live"; state.className = "state live"; };
    socket.onmessage = event => render(JSON.parse(event.data));
    socket.onclose = () => {
      state.textContent = "disconnected, retrying"; state.className = "state lost";
      setTimeout(connect, 2000);
    };
  }

  connect();
})();
