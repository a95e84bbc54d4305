// One JSON call to the gateway for the project's scripts (benchmarks, fault suite, probes): sends `body` as JSON (or
// `raw` as it is) with an optional bearer token, and answers { status, body, code, ms }: the body parsed as JSON when
// it is JSON, else its text; `code` is the API error code when there is one. Network errors are thrown.
export async function requestJson(base, method, path, { token, body, raw, headers, timeoutMs } = {}) {
  const started = performance.now();
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    ...(timeoutMs === undefined ? {} : { signal: AbortSignal.timeout(timeoutMs) }),
  });
  const text = await res.text();
  let parsed = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: res.status, body: parsed, code: parsed?.error?.code, ms: performance.now() - started };
}
