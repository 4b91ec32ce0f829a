"use strict";
// gwsocket's "obligatory client example": connect back to the node, show every message, send what is typed.
(() => {
  const list = document.getElementById("messages");
  const state = document.getElementById("state");
  const input = document.getElementById("text");
  let socket;

  function show(text, className) {
    const item = document.createElement("li");
    item.textContent = text;
    if (className) item.className = className;
    const atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 4;
    list.appendChild(item);
    while (list.children.length > 1000) list.removeChild(list.firstChild);
    if (atBottom) list.scrollTop = list.scrollHeight;
  }

  function connect() {
    socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/");
    socket.binaryType = "arraybuffer";
    socket.onopen = () => { state.textContent = "connected"; state.className = "live"; };
    socket.onmessage = event => show(typeof event.data === "string" ? event.data : `[binary, ${event.data.byteLength} bytes]`);
    socket.onclose = event => {
      state.textContent = `closed (${event.code}), reconnecting`; state.className = "lost";
      setTimeout(connect, 2000);
    };
  }

  document.getElementById("send").addEventListener("submit", event => {
    event.preventDefault();
    if (socket.readyState !== WebSocket.OPEN || input.value === "") return;
    socket.send(input.value);
    show("> " + input.value, "sent");
    input.value = "";
  });

  connect();
})();
