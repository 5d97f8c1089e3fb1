// The validator page: reads a file (or pasted text) in the browser, checks it with the PCDS
// engine compiled to WebAssembly, and shows the findings. Nothing is sent anywhere: the only
// requests this page makes are for its own files, before the first check.
import init, { validate, version } from "./pkg/pcds_wasm.js";

/** The largest document the page reads: beyond it, use the `pcds` command. */
const MAX_BYTES = 256 * 1024 * 1024;

const $ = (id) => document.getElementById(id);
let document_ = null; // { name, bytes }
let ready = false;
let reports = { json: null, sarif: null, name: null };

function setStatus(text) {
  $("status").textContent = text;
}

function choose(name, bytes) {
  if (bytes.length > MAX_BYTES) {
    document_ = null;
    setStatus(`${name} is larger than ${MAX_BYTES / 1024 / 1024} MB: check it with the pcds command instead.`);
    $("check").disabled = true;
    return;
  }
  document_ = { name, bytes };
  setStatus(`Ready to check ${name} (${bytes.length.toLocaleString()} bytes).`);
  $("check").disabled = !ready;
}

async function readFile(file) {
  if (file.size > MAX_BYTES) {
    choose(file.name, { length: file.size });
    return;
  }
  choose(file.name, new Uint8Array(await file.arrayBuffer()));
}

function options() {
  const level = document.querySelector('input[name="level"]:checked').value;
  const failOn = $("fail-on-warning").checked ? "warning" : "error";
  return { level, failOn };
}

function cell(row, text, className) {
  const td = row.insertCell();
  if (className) td.className = className;
  td.textContent = text;
  return td;
}

function show(report) {
  const input = report.inputs[0];
  const failed = report.summary.failed > 0;
  $("verdict").textContent = failed ? `${input.name} does not pass` : `${input.name} passes`;
  $("verdict").className = failed ? "failed" : "passed";
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of input.findings) counts[f.severity] += 1;
  $("summary").textContent =
    `${input.kind ?? "document"}, ${input.releases} release(s): ` +
    `${counts.error} error(s), ${counts.warning} warning(s), ${counts.info} note(s); ` +
    `failing at ${report.summary.fail_on}.`;
  const body = $("findings").tBodies[0];
  body.replaceChildren();
  for (const f of input.findings) {
    const row = body.insertRow();
    row.dataset.code = f.code;
    cell(row, f.severity, f.severity);
    cell(row, f.code);
    const where = cell(row, f.line ? `line ${f.line}, column ${f.column ?? 1}` : "");
    const pointer = document.createElement("div");
    pointer.className = "pointer";
    pointer.textContent = f.pointer || "(the whole document)";
    where.append(pointer);
    const what = cell(row, f.message);
    if (f.hint) {
      const hint = document.createElement("div");
      hint.className = "hint";
      hint.textContent = `Fix: ${f.hint}`;
      what.append(hint);
    }
  }
  $("findings").hidden = input.findings.length === 0;
  $("result").hidden = false;
}

function check() {
  if (!document_) return;
  const { level, failOn } = options();
  try {
    const json = validate(document_.bytes, document_.name, level, failOn, "json");
    reports = {
      json,
      sarif: validate(document_.bytes, document_.name, level, failOn, "sarif"),
      name: document_.name.replace(/\.[^.]*$/, ""),
    };
    show(JSON.parse(json));
    setStatus("Checked.");
  } catch (e) {
    setStatus(`The check could not run: ${e.message ?? e}`);
  }
}

function download(kind) {
  const text = reports[kind];
  if (!text) return;
  const type = kind === "sarif" ? "application/sarif+json" : "application/json";
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = `${reports.name}.pcds.${kind === "sarif" ? "sarif" : "json"}`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 0);
}

function wire() {
  const drop = $("drop");
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    const file = e.dataTransfer?.files?.[0];
    if (file) readFile(file);
  });
  $("file").addEventListener("change", (e) => {
    const file = e.target.files?.[0];
    if (file) readFile(file);
  });
  $("paste").addEventListener("input", (e) => {
    const text = e.target.value;
    if (text.trim()) choose("pasted document", new TextEncoder().encode(text));
  });
  $("check").addEventListener("click", check);
  $("download-json").addEventListener("click", () => download("json"));
  $("download-sarif").addEventListener("click", () => download("sarif"));
  for (const input of document.querySelectorAll('input[name="level"], #fail-on-warning')) {
    input.addEventListener("change", () => { if (reports.json) check(); });
  }
}

wire();
init().then(
  () => {
    ready = true;
    $("version").textContent = version();
    document.body.dataset.ready = "true";
    setStatus(document_ ? `Ready to check ${document_.name}.` : "Choose a file to check.");
    if (document_) $("check").disabled = false;
  },
  (e) => setStatus(`The validator could not load: ${e.message ?? e}`),
);
