"""The nginx in front of the app hosts in `make bench-avond` (the configuration README shows).

One or more gunicorn servers behind one nginx. Besides passing requests on, nginx keeps a
**one-second micro-cache of the public live screens' "nothing changed" answers**: the programme,
projector and wall polls carry a mark of their content in the URL (`sessie/live.py`), and a 204
to that URL is the same for everyone who asks it. The evening's 150 phones with the programme
open then cost the app one poll a second instead of fifty. Only a 204 to an htmx poll of those
three public pages is kept; a changed fragment (200), any page, any volunteer's screen and any
answer that sets a cookie always reach the app.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

NGINX = """\
# wijkavond behind nginx (tested by `make bench-avond`; add TLS and server_name in production).
worker_processes 1;
error_log {map}/nginx-error.log warn;
pid {map}/nginx.pid;
events {{ worker_connections 16384; }}
http {{
    # What each request took here, from its first byte in to its last byte out: the server's
    # side of the latency, whatever the load generator's own delays (`make bench-avond`).
    log_format tijden '$msec\t$request_method\t$http_x_bench_soort\t$status\t$request_time'
                       '\t$upstream_connect_time\t$upstream_header_time\t$request_id';
    access_log {map}/tijden.log tijden buffer=256k flush=1s;
    client_body_temp_path {map}/body;
    proxy_temp_path {map}/proxy;
    fastcgi_temp_path {map}/fastcgi;
    uwsgi_temp_path {map}/uwsgi;
    scgi_temp_path {map}/scgi;
    # The public live screens' "nothing changed" (204), kept for one second.
    proxy_cache_path {map}/polls keys_zone=polls:4m max_size=16m inactive=10s use_temp_path=off;
    map $http_hx_request $geen_poll {{
        "true" 0;
        default 1;
    }}
    upstream wijkavond {{
{servers}
    }}
    server {{
        listen 127.0.0.1:{poort} backlog=4096;
        client_max_body_size 2m;
        # gunicorn's sync workers answer one request per connection and then wait for the
        # other side to close it: nginx closes at once (HTTP/1.0 to the app, no keep-alive).
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_set_header X-Request-Id $request_id;
        proxy_next_upstream error timeout;
        location /static/ {{
            alias {static}/;
            expires 30d;
        }}
        location ~ ^/s/[^/]+/(programma|projector|wand)/$ {{
            proxy_pass http://wijkavond;
            proxy_cache polls;
            proxy_cache_key $request_uri;
            # Only a 204 is kept: the app's own caching headers and Vary say nothing here.
            proxy_ignore_headers Cache-Control Expires X-Accel-Expires Vary;
            proxy_cache_valid 204 1s;
            proxy_cache_bypass $geen_poll;
            proxy_no_cache $geen_poll;
            proxy_cache_lock on;
            proxy_cache_lock_timeout 2s;
        }}
        location / {{
            proxy_pass http://wijkavond;
        }}
    }}
}}
"""


def schrijf_config(map_: Path, poort: int, hosts: list[int], static: Path) -> Path:
    servers = "\n".join(f"        server 127.0.0.1:{p};" for p in hosts)
    pad = map_ / "nginx.conf"
    pad.write_text(NGINX.format(map=map_, servers=servers, poort=poort, static=static))
    return pad


def start(map_: Path, poort: int, hosts: list[int], static: Path) -> subprocess.Popen:
    config = schrijf_config(map_, poort, hosts, static)
    map_.chmod(0o755)  # nginx's workers (nobody) keep the cache and serve static files in it
    return subprocess.Popen(
        ["nginx", "-p", str(map_), "-c", str(config), "-g", "daemon off;"],
        start_new_session=True,
    )
