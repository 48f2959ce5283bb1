// Page entry (filled in by the app issue).
const root = document.getElementById('app');
if (root) root.textContent = 'sensorcast';
