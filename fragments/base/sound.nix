# nix-mox fragment: sound through PipeWire (ALSA with 32-bit support, PulseAudio and JACK clients).
{ ... }:

{
  security.rtkit.enable = true;
  services.pipewire = {
    enable = true;
    alsa.enable = true;
    alsa.support32Bit = true;
    pulse.enable = true;
    jack.enable = true;
  };
}
