import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './styles/theme.css';
import './styles/components.css';
import './styles/status.css';
import './styles/layout.css';
import './styles/incident.css';
import './styles/detect.css';
import './styles/response.css';
import './styles/obligations.css';
import './styles/exercise.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
