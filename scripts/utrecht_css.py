"""Rebuild static/vendor/utrecht-css-9.0.4/: the stylesheets of only those Utrecht components
the templates use, taken unchanged from their npm packages.

`@utrecht/component-library-css` 9.0.4 (the whole library, 397 KB) is a bundle of one package
per component (`@utrecht/button-css`, …) at pinned versions; this script takes the versions that
bundle names, runs `npm pack` for each component below, and writes

- `utrecht.css`: the components every page uses (document, page header and footer, skip link);
- `utrecht-button.css`: the button, used on the portal's coverage pages only;
- `LICENSE.md`: the licence (EUPL-1.2) the packages ship.

Node and npm are needed to run this script only; the site serves the files as committed, so
`make run` needs no Node. tests/test_page_weight.py checks that every `utrecht-…` class in the
templates comes from these files. Run from the project folder:

    python scripts/utrecht_css.py
"""

import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

LIBRARY = "@utrecht/component-library-css@9.0.4"
TARGET = Path(__file__).resolve().parent.parent / "static" / "vendor" / "utrecht-css-9.0.4"
# The file, and the components (package names without "@utrecht/" and "-css") it holds.
BUNDLES = {
    "utrecht.css": ["document", "page-header", "page-footer", "skip-link"],
    "utrecht-button.css": ["button"],
}


def npm_pack(spec: str, folder: Path) -> tarfile.TarFile:
    """The package `spec` as an open tar file, fetched by `npm pack` into `folder`."""
    name = subprocess.run(
        ["npm", "pack", "--silent", spec], cwd=folder, check=True, capture_output=True, text=True
    ).stdout.split()[-1]
    return tarfile.open(folder / name)


def member_text(archive: tarfile.TarFile, name: str) -> str:
    return archive.extractfile(f"package/{name}").read().decode()


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        library = npm_pack(LIBRARY, folder)
        versions = json.loads(member_text(library, "package.json"))["dependencies"]
        TARGET.mkdir(parents=True, exist_ok=True)
        (TARGET / "LICENSE.md").write_text(member_text(library, "LICENSE.md"))
        for filename, components in BUNDLES.items():
            parts = [f"/* Built by scripts/utrecht_css.py from {LIBRARY}'s components. */\n"]
            for component in components:
                package = f"@utrecht/{component}-css"
                spec = f"{package}@{versions[package]}"
                css = member_text(npm_pack(spec, folder), "dist/index.css")
                parts.append(f"/* {spec}, dist/index.css (EUPL-1.2) */\n{css.strip()}\n")
            (TARGET / filename).write_text("\n".join(parts))
            print(f"{filename}: {', '.join(components)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
