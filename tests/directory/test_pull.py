#!/usr/bin/env python3
"""`safetynet directory pull URL -o DIR` against a loopback HSDS API (hsds_api_server.py) serving
the official examples: no other network. The pulled directory must be what `directory check`
reads, with the same counts; failures exit 2 with one line and write nothing.

usage: test_pull.py SAFETYNET REPO_ROOT
Exits 77 (CTest: skipped) when ../shared/realworld/hsds is not beside the repository.
"""
import json
import os
import socket
import subprocess
import sys
import tempfile

SKIP = 77
HERE = os.path.dirname(os.path.abspath(__file__))
failures = 0


def check(name, ok, detail=''):
    global failures
    print(('ok: ' if ok else 'FAIL: ') + name + ('' if ok else f' ({detail})'))
    if not ok:
        failures += 1


class Server:
    """hsds_api_server.py in its own process, on a free loopback port."""

    def __init__(self, hsds_dir, *flags):
        self.proc = subprocess.Popen([sys.executable, os.path.join(HERE, 'hsds_api_server.py'), hsds_dir, *flags],
                                     stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline().split()
        if len(line) != 2 or line[0] != 'PORT':
            self.proc.kill()
            raise RuntimeError('the test server did not start')
        self.url = f'http://127.0.0.1:{line[1]}'

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.proc.terminate()
        self.proc.wait(timeout=30)


def run(binary, *args):
    p = subprocess.run([binary, *args], capture_output=True, text=True, timeout=600)
    out = None
    if p.stdout.strip():
        try:
            out = json.loads(p.stdout)
        except ValueError:
            out = p.stdout
    return p.returncode, out, p.stderr


def one_line(err):
    return len(err.strip().split('\n')) == 1


def pulls(binary, hsds_dir, tmp):
    with Server(hsds_dir) as api:
        out_dir = os.path.join(tmp, 'pulled')
        rc, rep, err = run(binary, 'directory', 'pull', api.url, '-o', out_dir, '--per-page', '1')
        pulled = os.path.join(out_dir, 'directory.hsds.json')
        check('pull: exit 0, nothing on stderr', rc == 0 and not err.strip(), err)
        p = rep['pull'] if isinstance(rep, dict) else {}
        check('pull: one page per service, following total_pages',
              p.get('pages') == 4 and p.get('requests') == 4 and p.get('services') == 4 and p.get('total_items') == 4,
              p)
        check('pull: the summary names the file and its size',
              p.get('file') == pulled and p.get('bytes') == os.path.getsize(pulled), p)
        # One organization and one location (the examples share their ids); schedules: 3.0's
        # service, site and location, 3.1's service and site (the location is 3.0's), the UK
        # and mock services' own.
        check('pull: the report of the pulled directory',
              rep.get('services') == 4 and rep.get('organizations') == 1 and rep.get('locations') == 1
              and rep.get('service_at_locations') == 4 and rep.get('schedules') == 7, rep)
        with open(pulled, encoding='utf-8') as f:
            services = json.load(f)
        check('pull: an array of fully nested services',
              isinstance(services, list) and len(services) == 4
              and all(s.get('service_at_locations') for s in services))
        rc, checked, _ = run(binary, 'directory', 'check', pulled)
        same = {k: checked.get(k) for k in ('organizations', 'services', 'locations', 'service_at_locations',
                                              'schedules', 'errors', 'warnings')} if isinstance(checked, dict) else None
        check('check reads what pull wrote, with the same report',
              rc == 0 and same == {k: rep.get(k) for k in same}, checked)
        rc, rep3, _ = run(binary, 'directory', 'pull', api.url + '/services/', '-o', os.path.join(tmp, 'p3'),
                          '--per-page', '3')
        check('pull: the /services address, three per page', rc == 0 and rep3['pull']['pages'] == 2
              and rep3['services'] == 4, rep3)
        rc, idx, _ = run(binary, 'directory', 'index', pulled, '-o', os.path.join(tmp, 'pulled.idx'))
        check('index compiles what pull wrote', rc == 0 and idx['services'] == 4, idx)

    with Server(hsds_dir, '--ignore-full') as api:
        rc, rep, err = run(binary, 'directory', 'pull', api.url, '-o', os.path.join(tmp, 'details'))
        p = rep['pull'] if isinstance(rep, dict) else {}
        check('pull: services listed without locations are read from /services/{id}',
              rc == 0 and p.get('details') == 4 and p.get('requests') == 5 and rep['locations'] == 1, (p, err))

    with Server(hsds_dir, '--per-page-max', '3') as api:
        rc, rep, _ = run(binary, 'directory', 'pull', api.url, '-o', os.path.join(tmp, 'capped'))
        check('pull: a server that caps per_page is followed to its last page',
              rc == 0 and rep['pull']['pages'] == 2 and rep['services'] == 4, rep)


def failures_write_nothing(binary, hsds_dir, tmp):
    cases = [
        (('--ignore-page',), 'ignore the page parameter'),
        (('--fail-page', '2'), 'HTTP status 500'),
    ]
    for flags, message in cases:
        with Server(hsds_dir, *flags) as api:
            out_dir = os.path.join(tmp, 'failed-' + flags[0].strip('-'))
            rc, _, err = run(binary, 'directory', 'pull', api.url, '-o', out_dir, '--per-page', '1')
            check(f'pull {" ".join(flags)}: exit 2, one line, nothing written',
                  rc == 2 and one_line(err) and message in err and '[pull]' in err
                  and not os.path.exists(os.path.join(out_dir, 'directory.hsds.json'))
                  and not [f for f in os.listdir(out_dir) if '.tmp-' in f], err)
    with socket.socket() as s:  # a port nobody listens on
        s.bind(('127.0.0.1', 0))
        closed = s.getsockname()[1]
    rc, _, err = run(binary, 'directory', 'pull', f'http://127.0.0.1:{closed}', '-o', os.path.join(tmp, 'refused'))
    check('pull: no server there exits 2 with one line', rc == 2 and one_line(err) and '[pull]' in err, err)


def usage(binary, tmp):
    for args, what in [(('pull', 'http://127.0.0.1:1'), 'missing -o'),
                       (('pull', '-o', tmp), 'missing URL'),
                       (('pull', 'ftp://example.org/hsds', '-o', tmp), 'a URL that is not http(s)'),
                       (('pull', 'http://127.0.0.1:1', '-o', tmp, '--per-page', '0'), '--per-page 0'),
                       (('check', 'x.json', '--per-page', '5'), '--per-page with check')]:
        rc, out, err = run(binary, 'directory', *args)
        check(f'pull usage error: {what}', rc == 1 and one_line(err) and out is None, (rc, err))


def main():
    binary, root = sys.argv[1], sys.argv[2]
    hsds_dir = os.path.normpath(os.path.join(root, '..', 'shared', 'realworld', 'hsds'))
    if not os.path.isdir(hsds_dir):
        print(f'skipped: {hsds_dir} is absent (the shared real-world material is not beside the repository)')
        return SKIP
    with tempfile.TemporaryDirectory() as tmp:
        pulls(binary, hsds_dir, tmp)
        failures_write_nothing(binary, hsds_dir, tmp)
        usage(binary, tmp)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
