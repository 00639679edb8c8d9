# Sourced by the bench scripts: wrk and nginx-light (installed from Debian's packages when missing), and nginx
# serving the benchmarks' static upstream in $WORK: one fixed OpenAI chat completion with its usage on
# 127.0.0.1:$STATIC_PORT, and a proxy_pass to it on 127.0.0.1:$PROXY_PORT (the nginx arm). The caller stops it
# with stop_static_upstream.

if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
  apt-get update -qq && apt-get install -y -qq wrk nginx-light >/dev/null
fi

start_static_upstream() {
  local answer='{"id":"chatcmpl-bench","object":"chat.completion","created":1764374400,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],"usage":{"prompt_tokens":10,"completion_tokens":20,"total_tokens":30}}'
  mkdir -p "$WORK/logs"
  cat > "$WORK/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/body;
  proxy_temp_path $WORK/proxy;
  upstream static { server 127.0.0.1:$STATIC_PORT; keepalive 128; }
  server {
    listen 127.0.0.1:$STATIC_PORT;
    location / { default_type application/json; return 200 '$answer'; }
  }
  server {
    listen 127.0.0.1:$PROXY_PORT;
    location / { proxy_pass http://static; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
CONF
  nginx -p "$WORK" -c "$WORK/nginx.conf"
}

stop_static_upstream() {
  nginx -p "$WORK" -c "$WORK/nginx.conf" -s stop 2>/dev/null || true
}
