import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, StartupError } from './App';
import { loadNetworkFile } from './config';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
const root = createRoot(container);

// The environment is validated before anything renders: a bad network.json stops here, clearly.
loadNetworkFile().then(
  (file) =>
    root.render(
      <StrictMode>
        <App file={file} />
      </StrictMode>,
    ),
  (error: unknown) => {
    console.error(error);
    root.render(<StartupError />);
  },
);
