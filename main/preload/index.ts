// Preload: exposes the typed app API to the page (filled in by the app issue).
import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('sensorcast', {});
