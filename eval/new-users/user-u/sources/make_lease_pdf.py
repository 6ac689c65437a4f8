"""Print the tenancy agreement HTML (kept beside this script) to ../articles/ as a PDF with Chromium."""
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
NAME = "tenancy-agreement-14b-marlowe-court"
src = HERE / f"{NAME}.html"
out = HERE.parent / "articles" / f"{NAME}.pdf"
out.parent.mkdir(parents=True, exist_ok=True)
subprocess.run(
    ["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
     f"--print-to-pdf={out}", src.as_uri()],
    check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
)
print("wrote", out)
