#!/usr/bin/env bash
# Makes the voicemail (and conference) prompts with espeak-ng and sox, once, at development time: the files are
# committed and nothing runs at run time. Mono 16-bit PCM at 8 kHz (telephone band: small, and
# what a G.711 caller hears; resampled for others).
#   server/media/prompts/<language>.wav          the default greeting
#   server/media/prompts/<language>/<name>.wav   the mailbox menu's prompts (see VOICE_PROMPTS
#                                                in server/media/prompts.ts), numbers n0 … n20
set -euo pipefail
cd "$(dirname "$0")/../server/media/prompts"
declare -A GREETING=(
  [en]="The person you are calling is not available. Please leave a message after the tone, and press hash when you are done."
  [es]="La persona a la que llama no está disponible. Deje su mensaje después de la señal, y pulse almohadilla al terminar."
  [fr]="Votre correspondant n'est pas disponible. Laissez un message après le bip, et appuyez sur dièse pour terminer."
)
declare -A TEXT=(
  [en/enter-mailbox]="Please enter your mailbox number, then press hash."
  [es/enter-mailbox]="Marque su número de buzón y pulse almohadilla."
  [fr/enter-mailbox]="Composez le numéro de votre messagerie, puis appuyez sur dièse."
  [en/enter-pin]="Please enter your PIN, then press hash."
  [es/enter-pin]="Marque su clave y pulse almohadilla."
  [fr/enter-pin]="Composez votre code, puis appuyez sur dièse."
  [en/wrong-pin]="That PIN is not correct."
  [es/wrong-pin]="La clave no es correcta."
  [fr/wrong-pin]="Ce code n'est pas correct."
  [en/locked]="This mailbox is locked for now. Please try again later."
  [es/locked]="Este buzón está bloqueado por ahora. Inténtelo más tarde."
  [fr/locked]="Cette messagerie est bloquée pour le moment. Veuillez réessayer plus tard."
  [en/no-pin]="This mailbox has no PIN, so it opens only from its owner's phone."
  [es/no-pin]="Este buzón no tiene clave: solo se abre desde el teléfono de su titular."
  [fr/no-pin]="Cette messagerie n'a pas de code : elle ne s'ouvre que depuis le téléphone de son titulaire."
  [en/goodbye]="Goodbye."
  [es/goodbye]="Adiós."
  [fr/goodbye]="Au revoir."
  [en/you-have]="You have"
  [es/you-have]="Tiene"
  [fr/you-have]="Vous avez"
  [en/new-none]="You have no new messages."
  [es/new-none]="No tiene mensajes nuevos."
  [fr/new-none]="Vous n'avez aucun nouveau message."
  [en/new-one]="You have one new message."
  [es/new-one]="Tiene un mensaje nuevo."
  [fr/new-one]="Vous avez un nouveau message."
  [en/new-many]="new messages."
  [es/new-many]="mensajes nuevos."
  [fr/new-many]="nouveaux messages."
  [en/and]="and"
  [es/and]="y"
  [fr/and]="et"
  [en/saved-one]="and one saved message."
  [es/saved-one]="y un mensaje guardado."
  [fr/saved-one]="et un message sauvegardé."
  [en/saved-many]="saved messages."
  [es/saved-many]="mensajes guardados."
  [fr/saved-many]="messages sauvegardés."
  [en/message]="Message"
  [es/message]="Mensaje"
  [fr/message]="Message"
  [en/from]="from"
  [es/from]="de"
  [fr/from]="de"
  [en/menu]="To hear it again, press 1. To delete it, press 7. For the next message, press hash. To hear these options again, press 0."
  [es/menu]="Para escucharlo otra vez, pulse 1. Para borrarlo, pulse 7. Para el siguiente mensaje, pulse almohadilla. Para oír estas opciones otra vez, pulse 0."
  [fr/menu]="Pour le réécouter, appuyez sur 1. Pour le supprimer, appuyez sur 7. Pour le message suivant, appuyez sur dièse. Pour réentendre ces choix, appuyez sur 0."
  [en/deleted]="Message deleted."
  [es/deleted]="Mensaje borrado."
  [fr/deleted]="Message supprimé."
  [en/no-more]="No more messages."
  [es/no-more]="No hay más mensajes."
  [fr/no-more]="Il n'y a plus de messages."
  [en/more-than-20]="more than twenty"
  [es/more-than-20]="más de veinte"
  [fr/more-than-20]="plus de vingt"
  # Conference bridges (CONFERENCE_PROMPTS in server/media/conference/conference-prompts.ts).
  [en/conference-enter-pin]="Please enter the conference PIN, then press hash."
  [es/conference-enter-pin]="Marque la clave de la conferencia y pulse almohadilla."
  [fr/conference-enter-pin]="Composez le code de la conférence, puis appuyez sur dièse."
  [en/conference-locked]="Too many wrong PINs. Please try again later."
  [es/conference-locked]="Demasiadas claves incorrectas. Inténtelo más tarde."
  [fr/conference-locked]="Trop de codes erronés. Veuillez réessayer plus tard."
  [en/conference-alone]="You are the only participant."
  [es/conference-alone]="Usted es el único participante."
  [fr/conference-alone]="Vous êtes le seul participant."
  [en/conference-there-are]="There are"
  [es/conference-there-are]="Hay"
  [fr/conference-there-are]="Il y a"
  [en/conference-participants]="participants, including you."
  [es/conference-participants]="participantes, contándole a usted."
  [fr/conference-participants]="participants, vous compris."
  [en/conference-full]="This conference is full. Please try again later."
  [es/conference-full]="Esta conferencia está completa. Inténtelo más tarde."
  [fr/conference-full]="Cette conférence est complète. Veuillez réessayer plus tard."
  [en/conference-ended]="The conference has ended."
  [es/conference-ended]="La conferencia ha terminado."
  [fr/conference-ended]="La conférence est terminée."
)
for n in $(seq 0 20); do
  for language in en es fr; do TEXT[$language/n$n]="$n"; done
done

# Speaks `text` in `language` into `out`: 8 kHz mono 16-bit, normalised.
speak() {
  local language=$1 text=$2 out=$3 trim=$4
  local raw="/tmp/switchboard-prompt-$$.wav"
  espeak-ng -v "$language" -s 165 -w "$raw" "$text"
  if [ "$trim" = trim ]; then
    # Prompts are joined one after another: no lead-in, a short pause after.
    sox "$raw" -r 8000 -c 1 -b 16 -e signed-integer "$out" \
      silence 1 0.01 0.5% reverse silence 1 0.01 0.5% reverse pad 0 0.12 norm -3
  else
    sox "$raw" -r 8000 -c 1 -b 16 -e signed-integer "$out" norm -3
  fi
  rm "$raw"
}

for language in en es fr; do
  speak "$language" "${GREETING[$language]}" "$language.wav" keep
  mkdir -p "$language"
done
for key in "${!TEXT[@]}"; do
  speak "${key%%/*}" "${TEXT[$key]}" "$key.wav" trim
done
