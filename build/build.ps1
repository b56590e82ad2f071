# Build the one-folder program for Windows: build\dist\fieldapp\ with fieldapp.exe (the window)
# and fieldapp-cli.exe (the commands). Needs Python 3.10+ from python.org (for the current user;
# no administrator rights) with "tcl/tk" ticked. Run in PowerShell from the project folder:
#
#   powershell -ExecutionPolicy Bypass -File build\build.ps1
$ErrorActionPreference = "Stop"
$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root
if (-not (Test-Path ".venv\Scripts\python.exe")) { py -3 -m venv .venv }
& .venv\Scripts\python.exe -m pip install -q -e ".[build]"
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }
$start = Get-Date
& .venv\Scripts\pyinstaller.exe build\fieldapp.spec --noconfirm --clean --log-level WARN `
    --distpath build\dist --workpath build\work
if ($LASTEXITCODE -ne 0) { throw "pyinstaller failed" }
$seconds = [int]((Get-Date) - $start).TotalSeconds
Write-Host "built build\dist\fieldapp\ in $seconds s"
# A quick check of the built program, from a temporary folder with its own data folder.
$tmp = Join-Path $env:TEMP ("fieldapp-smoke-" + [guid]::NewGuid())
New-Item -ItemType Directory $tmp | Out-Null
& build\dist\fieldapp\fieldapp-cli.exe --version
& build\dist\fieldapp\fieldapp-cli.exe --db (Join-Path $tmp "laptop.db") --lang es demo
& build\dist\fieldapp\fieldapp-cli.exe --db (Join-Path $tmp "laptop.db") --lang es scores --org CACAO-DO --round R2024
if ($LASTEXITCODE -ne 0) { throw "the built program failed" }
Remove-Item -Recurse -Force $tmp
