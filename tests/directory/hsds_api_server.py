#!/usr/bin/env python3
"""A loopback HSDS 3.0 API serving the official examples, for `safetynet directory pull` tests.

usage: hsds_api_server.py HSDS_DIR [--per-page-max N] [--ignore-full] [--ignore-page] [--fail-page N]

HSDS_DIR is ../shared/realworld/hsds. The services are the examples' service_full.json (HSDS
3.0, 3.1-dev, the UK profile and the UK validator's default mock), each under its own id
(the examples all use one id; suffixed here so that pages can be told apart), served as the
HSDS 3.0 OpenAPI says (schema/openapi.json):

  GET /                    base.json (version, profile, openapi_url)
  GET /services?page=N&per_page=M[&full=true]
                           a Page: total_items, total_pages, page_number, size, first_page,
                           last_page, empty, contents; with full=true the services fully
                           nested, without it as service_list.json has them (no locations)
  GET /services/{id}       one service, fully nested

Modes for the failure tests: --ignore-full (a server that never nests, so the client must ask
/services/{id}), --ignore-page (always page 1), --fail-page N (HTTP 500 on page N),
--per-page-max N (a server that caps per_page, as real ones do). Binds 127.0.0.1 on a free
port and prints "PORT <n>" on its first line of output; logs nothing else.
"""
import argparse
import copy
import json
import math
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlparse

SOURCES = [
    ('spec30', 'openreferral-spec-3.0/examples/service_full.json'),
    ('spec31', 'openreferral-spec-3.1-dev/examples/service_full.json'),
    ('uk', 'oruk-uk-profile-3.0/examples/service_full.json'),
    ('mock', 'oruk-validator-mocks/V3.0-UK-Default/service_full.json'),
]
# What a list item leaves out when not asked for full services (service_list.json's fields).
NESTED_ONLY = ('service_at_locations', 'schedules', 'service_areas', 'languages', 'phones', 'contacts',
               'attributes', 'funding', 'cost_options', 'required_documents', 'capacities', 'metadata')


def load_services(hsds_dir):
    services = []
    for tag, path in SOURCES:
        with open(os.path.join(hsds_dir, path), encoding='utf-8') as f:
            s = json.load(f)
        s['id'] = f"{s['id']}-{tag}"
        services.append(s)
    return services


def listed(service):
    item = copy.deepcopy(service)
    for key in NESTED_ONLY:
        item.pop(key, None)
    return item


def make_handler(args, services, base):
    by_id = {s['id']: s for s in services}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *_):
            pass

        def send(self, status, body):
            data = json.dumps(body).encode('utf-8')
            self.send_response(status)
            self.send_header('Content-Type', 'application/json')
            self.send_header('Content-Length', str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            url = urlparse(self.path)
            q = parse_qs(url.query)
            path = url.path.rstrip('/')
            if path == '':
                return self.send(200, base)
            if path == '/services':
                return self.page(q)
            if path.startswith('/services/'):
                s = by_id.get(unquote(path[len('/services/'):]))
                return self.send(200, s) if s else self.send(404, {'error': 'no such service'})
            return self.send(404, {'error': 'not found'})

        def page(self, q):
            number = 1 if args.ignore_page else int(q.get('page', ['1'])[0])
            per_page = min(int(q.get('per_page', ['10'])[0]), args.per_page_max)
            if number == args.fail_page:
                return self.send(500, {'error': 'the test asked for this failure'})
            full = q.get('full', ['false'])[0] == 'true' and not args.ignore_full
            pages = max(1, math.ceil(len(services) / per_page))
            chunk = services[(number - 1) * per_page:number * per_page]
            return self.send(200, {
                'total_items': len(services), 'total_pages': pages, 'page_number': number,
                'size': len(chunk), 'first_page': number == 1, 'last_page': number >= pages,
                'empty': not chunk, 'contents': [s if full else listed(s) for s in chunk]})

    return Handler


def main():
    p = argparse.ArgumentParser()
    p.add_argument('hsds_dir')
    p.add_argument('--per-page-max', type=int, default=1000)
    p.add_argument('--ignore-full', action='store_true')
    p.add_argument('--ignore-page', action='store_true')
    p.add_argument('--fail-page', type=int, default=0)
    args = p.parse_args()
    services = load_services(args.hsds_dir)
    with open(os.path.join(args.hsds_dir, 'openreferral-spec-3.0/examples/base.json'), encoding='utf-8') as f:
        base = json.load(f)
    server = ThreadingHTTPServer(('127.0.0.1', 0), make_handler(args, services, base))
    print(f'PORT {server.server_address[1]}', flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == '__main__':
    sys.exit(main())
