// Admin: how the chat widget looks on customers' sites (colour, greeting, launcher side, team name, avatar), with a
// preview.
import { useEffect, useState } from 'preact/hooks';
import {
  DEFAULT_APPEARANCE,
  deriveAppearance,
  type WidgetLookSettings as WidgetAppearanceBody,
} from '../../protocol/widget-look.js';
import { errorMessage } from '../api/client.js';
import { useSignedIn } from '../app-context.js';
import { Alert } from './Alert.js';

export function AppearancePanel() {
  const { api } = useSignedIn();
  const [form, setForm] = useState<WidgetAppearanceBody>(DEFAULT_APPEARANCE);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    api.widgetAppearance().then(
      (r) => setForm(r.appearance),
      (err: unknown) => setError(errorMessage(err)),
    );
  }, [api]);
  const set = (patch: Partial<WidgetAppearanceBody>) => {
    setForm({ ...form, ...patch });
    setSaved(false);
  };
  const validColor = /^#[0-9a-fA-F]{6}$/.test(form.color);
  const look = deriveAppearance({
    ...form,
    color: validColor ? form.color : DEFAULT_APPEARANCE.color,
    teamName: form.teamName || 'Support',
  });
  return (
    <section class="card" aria-labelledby="appearance-title">
      <h2 id="appearance-title" class="card-title">
        Chat widget appearance
      </h2>
      <p class="muted small">
        Widgets read this when a page loads: save, then reload a page with the widget to see it. No rebuild or new
        script tag needed.
      </p>
      {error && <Alert>{error}</Alert>}
      <form
        class="appearance-form"
        aria-label="Widget appearance"
        onSubmit={async (e) => {
          e.preventDefault();
          setSaving(true);
          try {
            setForm((await api.saveWidgetAppearance(form)).appearance);
            setError(null);
            setSaved(true);
          } catch (err) {
            setError(errorMessage(err));
          } finally {
            setSaving(false);
          }
        }}
      >
        <div class="form-row">
          <label class="field">
            <span class="field-label">Colour</span>
            <input
              type="color"
              value={look.color}
              onInput={(e) => set({ color: e.currentTarget.value })}
              aria-describedby="contrast-note"
            />
          </label>
          <label class="field">
            <span class="field-label">Hex</span>
            <input
              required
              maxLength={7}
              pattern="#[0-9a-fA-F]{6}"
              value={form.color}
              onInput={(e) => set({ color: e.currentTarget.value })}
            />
          </label>
          <label class="field grow">
            <span class="field-label">Team name</span>
            <input
              required
              maxLength={60}
              value={form.teamName}
              onInput={(e) => set({ teamName: e.currentTarget.value })}
            />
          </label>
          <label class="field">
            <span class="field-label">Launcher position</span>
            <select
              value={form.position}
              onChange={(e) => set({ position: e.currentTarget.value as 'left' | 'right' })}
            >
              <option value="right">Bottom right</option>
              <option value="left">Bottom left</option>
            </select>
          </label>
        </div>
        <label class="field">
          <span class="field-label">Greeting</span>
          <input
            maxLength={200}
            value={form.greeting}
            placeholder="Hi! Ask us anything about your account."
            onInput={(e) => set({ greeting: e.currentTarget.value })}
          />
        </label>
        <label class="field">
          <span class="field-label">Avatar image URL (empty: the team name's initial)</span>
          <input
            type="url"
            maxLength={1000}
            value={form.avatarUrl}
            placeholder="https://example.com/logo.png"
            onInput={(e) => set({ avatarUrl: e.currentTarget.value })}
          />
        </label>
        <div class="appearance-preview" aria-label="Preview">
          <span
            class="appearance-swatch"
            data-testid="appearance-preview"
            style={{ background: look.color, color: look.onColor }}
          >
            <span class="appearance-initial">{look.initial}</span> {look.teamName}
          </span>
          <span id="contrast-note" class="small muted">
            Text on this colour: {look.onColor === '#ffffff' ? 'white' : 'dark'} (contrast {look.contrast}:1, picked
            automatically{look.contrast < 4.5 ? '; below 4.5:1, choose a darker or lighter colour' : ''})
          </span>
        </div>
        <div class="form-row">
          <button type="submit" class="btn btn-primary" disabled={saving}>
            Save appearance
          </button>
          {saved && (
            <span role="status" class="notice">
              Saved. Reload a page with the widget to see it.
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
