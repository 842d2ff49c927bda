#!/usr/bin/env bash
# Makes the pictures the README shows, from the demo municipality: pages of
# the department and organisation reports (pdftoppm) and screens of the
# terminal interface (tmux, aha and headless Chromium).
#   bash reports/examples/pictures.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
out=reports/examples

missing=""
command -v pdftoppm >/dev/null || missing="$missing poppler-utils"
command -v tmux >/dev/null || missing="$missing tmux"
command -v aha >/dev/null || missing="$missing aha"
command -v chromium >/dev/null || missing="$missing chromium"
command -v ssh >/dev/null || missing="$missing openssh-client"
if [ -n "$missing" ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi

work=$(mktemp -d)
socket="$work/tmux.sock"
trap 'tmux -S "$socket" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
CGO_ENABLED=0 go build -o "$work/maturity" ./cmd/maturity
"$work/maturity" demo -o "$work/demo" >/dev/null

pdftoppm -png -r 80 -f 2 -l 2 -singlefile "$work/demo/rapport-werk-en-inkomen-nl.pdf" "$out/report-summary"
pdftoppm -png -r 80 -f 4 -l 4 -singlefile "$work/demo/organisatie.pdf" "$out/organisation-heatmap"

# screen NAME WIDTH HEIGHT: the terminal as it looks now, as a PNG.
screen() {
  tmux -S "$socket" capture-pane -e -p -t tui | aha --black --title "$1" |
    sed 's|</head>|<style>body{margin:12px} pre{font:15px/1.2 "DejaVu Sans Mono",monospace}</style></head>|' > "$work/$1.html"
  chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$work/chromium" --hide-scrollbars \
    --window-size="$2,$3" --screenshot="$work/$1.png" "file://$work/$1.html" 2>/dev/null
  mv "$work/$1.png" "$out/$1.png"
}
# wait_for TEXT: until the terminal shows TEXT (at most ten seconds).
wait_for() {
  for _ in $(seq 100); do
    tmux -S "$socket" capture-pane -p -t tui | grep -qF "$1" && return 0
    sleep 0.1
  done
  echo "the terminal never showed: $1" >&2; exit 1
}

# The results screen of the demo's improving department.
tmux -S "$socket" new-session -d -s tui -x 100 -y 34 "COLORTERM=truecolor $work/maturity --db $work/demo/demo.db"
wait_for "Resultaten bekijken"
tmux -S "$socket" send-keys -t tui Down Down Enter
wait_for "Van welke afdeling?"
tmux -S "$socket" send-keys -t tui "Werk" Enter
wait_for "Volwassenheid: niveau"
screen tui-results 940 650
# Its actions: what the department agreed after its rounds, one overdue.
tmux -S "$socket" send-keys -t tui l
wait_for "Afspraken van Werk en Inkomen"
screen tui-actions 940 650
tmux -S "$socket" kill-session -t tui

# A question, as a respondent answers it.
tmux -S "$socket" new-session -d -s tui -x 100 -y 34 "COLORTERM=truecolor $work/maturity --db $work/demo/demo.db assess --department Wijkteams --respondent voorbeeld"
# A department with open actions sees them first; any key goes on.
wait_for "open afspraken uit eerdere rondes"
screen tui-open-actions 940 650
tmux -S "$socket" send-keys -t tui Enter
wait_for "vraag 1/48"
tmux -S "$socket" send-keys -t tui 2 3 Down
wait_for "vraag 3/48"
screen tui-question 940 650
tmux -S "$socket" kill-session -t tui

# The presenter view of a workshop, as the beamer shows it: four
# participants over SSH, one of them far from the rest on the first question.
port=2299
tmux -S "$socket" new-session -d -s tui -x 100 -y 34 "COLORTERM=truecolor XDG_DATA_HOME=$work/data $work/maturity --db $work/workshop.db workshop serve --department Wijkteams --listen 127.0.0.1:$port --code 314159"
wait_for "Code: 314159"
i=0
for first in 1 5 3 4; do
  i=$((i+1))
  tmux -S "$socket" new-session -d -s p$i -x 80 -y 24 "ssh -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -p $port 127.0.0.1"
  sleep 1.5; tmux -S "$socket" send-keys -t p$i 314159 Enter
  sleep 1.5; tmux -S "$socket" send-keys -t p$i "deelnemer-$i" Enter
  sleep 1;   tmux -S "$socket" send-keys -t p$i Enter
  sleep 0.5; tmux -S "$socket" send-keys -t p$i "$first" "$(printf '3%.0s' $(seq 47))"
done
wait_for "Iedereen is klaar."
tmux -S "$socket" send-keys -t tui n; wait_for "Naar bespreken?"
tmux -S "$socket" send-keys -t tui j; wait_for "spreiding 4"
tmux -S "$socket" send-keys -t tui p; wait_for "waar de groep verschilt"
screen tui-presenter 940 650
ls -l "$out"/*.png
