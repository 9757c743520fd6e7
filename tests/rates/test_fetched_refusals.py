"""`rlwcheck rates update` against a real local web server: doubtful pages are refused, and
the refusal says how to go on."""

import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from rlwcheck.cli import cli

Serve = Callable[[str], str]


@pytest.fixture
def serve() -> Iterator[Serve]:
    """Serve one HTML page at a local address; returns its URL."""
    pages: dict[str, bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = pages.get(self.path)
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, format: str, *args: object) -> None:
            """Keep test output quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def add(html: str) -> str:
        path = f"/page{len(pages)}.html"
        pages[path] = html.encode("utf-8")
        return f"http://127.0.0.1:{server.server_address[1]}{path}"

    yield add
    server.shutdown()
    server.server_close()


def lwf_page(uk: str, london: str, due: str, published: str | None = "2026-10-21") -> str:
    """A TEST FIXTURE page in the FAQ's words, with fictional figures."""
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    return (
        f"<html><head>{meta}</head><body>"
        f"<p>The current Living Wage rates are {uk} per hour and {london} in London.</p>"
        f"<p>All employees should be receiving the new 2026/27 rates by {due}.</p></body></html>"
    )


def update(runner: CliRunner, url: str) -> tuple[int, str]:
    result = runner.invoke(
        cli,
        ["rates", "update", "--source", "lwf", "--url", url],
        env={"RLWCHECK_TODAY": "2026-11-24"},
    )
    return result.exit_code, result.output


def stored_living_wage_rows(runner: CliRunner) -> int:
    listed = runner.invoke(cli, ["rates", "list", "--scheme", "rlw_uk", "--format", "csv"])
    return listed.output.count("\n") - 1


def test_a_refusal_points_to_rates_add_force_not_an_option_update_lacks(
    runner: CliRunner, serve: Serve
) -> None:
    # UK £13.00 is below the 2025 rate £13.45
    code, output = update(runner, serve(lwf_page("£13.00", "£15.45", "1st May 2027")))
    assert code == 2
    assert "Real Living Wage (UK) £13.00 is below the previous rate £13.45" in output
    assert "enter it with `rlwcheck rates add ... --force`" in output
    assert "use --force" not in output and "add --force\n" not in output
