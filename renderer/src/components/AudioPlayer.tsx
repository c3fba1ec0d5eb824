import { useEffect, useRef, useState } from 'react';
import { drop } from '../bridge/drop.js';
import { formatDuration } from '../format/time.js';
import { hueOf } from './Avatar.js';
import { Icon } from './Icon.js';

const BAR_COUNT = 36;

/** Play/pause with a waveform-like progress bar (bars derived from the message id, not the audio). */
export function AudioPlayer({
  url,
  durationSeconds,
  seed,
}: {
  readonly url: string;
  readonly durationSeconds: number | null;
  readonly seed: string;
}) {
  const audio = useRef<HTMLAudioElement>(null);
  const [isPlaying, setPlaying] = useState(false);
  const [position, setPosition] = useState(0);
  const duration = durationSeconds ?? 0;
  const base = hueOf(seed);
  const bars = Array.from({ length: BAR_COUNT }, (_, i) => 25 + ((base * (i + 3) * 7919) % 75));

  useEffect(() => {
    const element = audio.current;
    if (!element) return undefined;
    const onTime = () => setPosition(element.currentTime);
    const onEnd = () => setPlaying(false);
    element.addEventListener('timeupdate', onTime);
    element.addEventListener('ended', onEnd);
    return () => {
      element.removeEventListener('timeupdate', onTime);
      element.removeEventListener('ended', onEnd);
    };
  }, []);

  const toggle = () => {
    const element = audio.current;
    if (!element) return;
    if (isPlaying) {
      element.pause();
      setPlaying(false);
    } else {
      drop(element.play().then(() => setPlaying(true)));
    }
  };
  const played = duration > 0 ? position / duration : 0;
  return (
    <div className="audio-player">
      <audio ref={audio} src={url} preload="none" />
      <button type="button" className="audio-play" aria-label={isPlaying ? 'Pause' : 'Play'} onClick={toggle}>
        <Icon name={isPlaying ? 'pause' : 'play'} size={26} />
      </button>
      <div className="audio-track">
        <div className="waveform" aria-hidden="true">
          {bars.map((height, i) => (
            <span key={i} className={i / BAR_COUNT < played ? 'is-played' : ''} style={{ height: `${height}%` }} />
          ))}
        </div>
        <span className="audio-time">{formatDuration(isPlaying || position > 0 ? position : duration)}</span>
      </div>
    </div>
  );
}
