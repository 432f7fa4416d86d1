#!/usr/bin/env bash
# Makes the default voicemail greetings (server/media/prompts/<language>.wav) with espeak-ng
# and sox, once, at development time: the files are committed and nothing runs at run time.
# Mono 16-bit PCM at 8 kHz (telephone band: small, and what a G.711 caller hears; resampled for others).
set -euo pipefail
cd "$(dirname "$0")/../server/media/prompts"
declare -A TEXT=(
  [en]="The person you are calling is not available. Please leave a message after the tone, and press hash when you are done."
  [es]="La persona a la que llama no está disponible. Deje su mensaje después de la señal, y pulse almohadilla al terminar."
  [fr]="Votre correspondant n'est pas disponible. Laissez un message après le bip, et appuyez sur dièse pour terminer."
)
for language in en es fr; do
  espeak-ng -v "$language" -s 165 -w "/tmp/switchboard-prompt-$language.wav" "${TEXT[$language]}"
  sox "/tmp/switchboard-prompt-$language.wav" -r 8000 -c 1 -b 16 -e signed-integer "$language.wav" norm -3
  rm "/tmp/switchboard-prompt-$language.wav"
done
