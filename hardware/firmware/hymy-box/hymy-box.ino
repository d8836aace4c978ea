// Hymy button box: 3–5 big buttons, one LED each, speaking protocol 1 over USB serial
// (shared/spec/button-box-protocol.md). Only pins and Serial live here; what the box says and
// when is in box_protocol.cpp, which the host test runs without a board.
#include "box_protocol.h"

// 3, 4 or 5: one per face on the kiosk. Wiring for each is in ../README.md.
#define HYMY_BUTTONS 4

static_assert(HYMY_BUTTONS >= 3 && HYMY_BUTTONS <= 5, "the box has 3 to 5 buttons");

// Buttons to GND with the internal pull-up (pressed = LOW); LEDs to GND through a resistor.
// D13 is left alone: it is the board's own LED, blinked by the bootloader at every reset.
static const uint8_t kButtonPins[5] = {2, 3, 4, 5, 6};
static const uint8_t kLedPins[5] = {8, 9, 10, 11, 12};

static void writeToSerial(void*, const char* line) { Serial.print(line); }

static hymy::ButtonBox box("HYMY-BOX", "1.0.0", HYMY_BUTTONS, writeToSerial, nullptr);

void setup() {
  for (uint8_t i = 0; i < HYMY_BUTTONS; ++i) {
    pinMode(kButtonPins[i], INPUT_PULLUP);
    pinMode(kLedPins[i], OUTPUT);
    digitalWrite(kLedPins[i], LOW);
  }
  Serial.begin(9600);
  box.begin();
}

void loop() {
  // One clock reading per pass, so every part of the core sees the same moment.
  const uint32_t now = millis();
  while (Serial.available() > 0) {
    box.receive(static_cast<uint8_t>(Serial.read()), now);
  }
  for (uint8_t i = 0; i < HYMY_BUTTONS; ++i) {
    box.sample(i + 1, digitalRead(kButtonPins[i]) == LOW, now);
    digitalWrite(kLedPins[i], box.ledLit(i + 1, now) ? HIGH : LOW);
  }
}
