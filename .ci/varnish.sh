# Sourced by .ci/run: Varnish for the front cache tests (tests/frontcache/), Debian's package.
# The tests start their own varnishd per session, in front of Django's live server, with the
# repository's VCL (deploy/varnish/default.vcl); this only makes sure it is installed and that
# the VCL compiles with the example backend. With CI set, a missing varnishd fails the tests.
if ! command -v varnishd >/dev/null 2>&1 && [ ! -x /usr/sbin/varnishd ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq varnish >/dev/null
fi
# Debian's package starts no service here (no systemd); nothing listens on 6081 but the tests.
varnish_check_dir="$(mktemp -d)"
cp deploy/varnish/backend.vcl.example "${varnish_check_dir}/backend.vcl"
if ! /usr/sbin/varnishd -j none -n "${varnish_check_dir}/instance" \
  -p vcl_path="${varnish_check_dir}:$(pwd)/deploy/varnish" \
  -C -f "$(pwd)/deploy/varnish/default.vcl" >/dev/null 2>"${varnish_check_dir}/error"; then
  cat "${varnish_check_dir}/error"
  exit 1
fi
rm -rf "${varnish_check_dir}"
