import autocannon from "autocannon";
import fs from "node:fs";
const pid = Number(process.argv[2]);
const rss = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;
const base = "http://localhost:3214";
async function signIn(username: string) {
  const jar = new Map<string, string>();
  const keep = (r: Response) => { for (const line of r.headers.getSetCookie()) { const [pair] = line.split(";"); const [n, ...rest] = pair!.split("="); jar.set(n!.trim(), rest.join("=")); } };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${base}/api/auth/csrf`); keep(csrf);
  const { csrfToken } = (await csrf.json()) as any;
  const a = await fetch(`${base}/api/auth/callback/credentials`, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() }, body: new URLSearchParams({ csrfToken, username, password: "Meizhen#2026", json: "true" }) });
  keep(a); return cookie();
}
for (let i = 0; i < 120; i++) { try { if ((await fetch(`${base}/api/health/ready`)).ok) break; } catch {} await new Promise(r => setTimeout(r, 1000)); }
const leader = await signIn("leader"); const reviewer = await signIn("reviewer-330825");
console.log("idle", rss().toFixed(0));
let peak = 0; const t = setInterval(() => (peak = Math.max(peak, rss())), 200);
const [a, b] = await Promise.all([
  autocannon({ url: base + "/dashboard", connections: 100, duration: 15, headers: { cookie: leader } }),
  autocannon({ url: base + "/counties/330825", connections: 100, duration: 15, headers: { cookie: reviewer } }),
]);
clearInterval(t);
console.log("req/s", a.requests.average, b.requests.average, "p99", a.latency.p99, b.latency.p99, "errors", a.errors + a.timeouts, b.errors + b.timeouts, "peak", peak.toFixed(0), "after", rss().toFixed(0));
for (const s of [15, 30, 60]) { await new Promise(r => setTimeout(r, 15000 * (s === 60 ? 2 : 1))); console.log(`+${s}s`, rss().toFixed(0)); }
