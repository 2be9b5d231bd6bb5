/**
 * What this daemon prints for the scenario's snapshots, where it differs from the reference on
 * purpose: refs are bound to elements (DESIGN.md › Refs), so numbers stay across snapshots of a
 * document, `snapshot -i` keeps the numbers of the full tree, no `[nth=N]` markers are needed, and
 * elements Playwright cannot act on (the options of a closed <select>) get none. Everything else in
 * these texts (roles, names, attributes, indentation, the compact and depth rules) is the reference's,
 * except that link URLs (`- /url:` lines) are printed only when a request asks with `urls: true`, and
 * compact (`-c`) also leaves out empty structural lines (unnamed lists, list items and wrappers),
 * indenting what they held under the nearest line it keeps.
 */

/** `snapshot` of the fresh fixture page. */
export const FULL = `- document:
  - heading "Compat fixture" [ref=e1] [level=1]
  - paragraph: Ready
  - navigation:
    - link "Second page" [ref=e2]
    - link "Download file" [ref=e3]
  - button "Click me" [ref=e4]
  - button "Double me" [ref=e5]
  - text: Hover me Name
  - textbox "Name" [ref=e6]:
    - /placeholder: Your name
  - text: Email
  - textbox "Email" [ref=e7]: ada@example.com
  - checkbox "I agree" [ref=e8]
  - text: I agree
  - combobox [ref=e9]:
    - option "Red" [selected]
    - option "Green"
    - option "Blue"
  - listbox [ref=e10]:
    - option "A" [ref=e11]
    - option "B" [ref=e12]
    - option "C" [ref=e13]
  - button "Choose File" [ref=e14]
  - textbox [ref=e15]
  - button "Submit" [ref=e16]
  - button "Disabled" [ref=e17] [disabled]
  - img "Logo"
  - text: Has a title Test id box
  - button "Dup" [ref=e18]
  - button "Dup" [ref=e19]
  - button "Alert" [ref=e20]
  - button "Prompt" [ref=e21]
  - button "Boom" [ref=e22]
  - button "Log" [ref=e23]
  - text: bold and italic Styled Drag Drop Scroll area
  - iframe
  - paragraph: Bottom of the page
`;

/** `snapshot -i`: the same numbers as the full tree. */
export const INTERACTIVE = `- link "Second page" [ref=e2]
- link "Download file" [ref=e3]
- button "Click me" [ref=e4]
- button "Double me" [ref=e5]
- textbox "Name" [ref=e6]
- textbox "Email" [ref=e7]
- checkbox "I agree" [ref=e8]
- combobox [ref=e9]
- listbox [ref=e10]
- option "A" [ref=e11]
- option "B" [ref=e12]
- option "C" [ref=e13]
- button "Choose File" [ref=e14]
- textbox [ref=e15]
- button "Submit" [ref=e16]
- button "Disabled" [ref=e17] [disabled]
- button "Dup" [ref=e18]
- button "Dup" [ref=e19]
- button "Alert" [ref=e20]
- button "Prompt" [ref=e21]
- button "Boom" [ref=e22]
- button "Log" [ref=e23]
`;

/**
 * `snapshot -i` after `click #counter` renamed that button: it is the same element, so it keeps its
 * ref (e4) under its new name.
 */
export const INTERACTIVE_AFTER_CLICK = INTERACTIVE.replace('button "Click me" [ref=e4]', 'button "Clicked 1" [ref=e4]');

/** `snapshot -c`. */
export const COMPACT = `- heading "Compat fixture" [ref=e1] [level=1]
- paragraph: Ready
- navigation:
  - link "Second page" [ref=e2]
  - link "Download file" [ref=e3]
- button "Click me" [ref=e4]
- button "Double me" [ref=e5]
- text: Hover me Name
- textbox "Name" [ref=e6]:
  - /placeholder: Your name
- text: Email
- textbox "Email" [ref=e7]: ada@example.com
- checkbox "I agree" [ref=e8]
- text: I agree
- combobox [ref=e9]
- listbox [ref=e10]:
  - option "A" [ref=e11]
  - option "B" [ref=e12]
  - option "C" [ref=e13]
- button "Choose File" [ref=e14]
- textbox [ref=e15]
- button "Submit" [ref=e16]
- button "Disabled" [ref=e17] [disabled]
- text: Has a title Test id box
- button "Dup" [ref=e18]
- button "Dup" [ref=e19]
- button "Alert" [ref=e20]
- button "Prompt" [ref=e21]
- button "Boom" [ref=e22]
- button "Log" [ref=e23]
- text: bold and italic Styled Drag Drop Scroll area
- paragraph: Bottom of the page
`;

/** `snapshot -d 2`. */
export const DEPTH_2 = `- document:
  - heading "Compat fixture" [ref=e1] [level=1]
  - paragraph: Ready
  - navigation:
    - link "Second page" [ref=e2]
    - link "Download file" [ref=e3]
  - button "Click me" [ref=e4]
  - button "Double me" [ref=e5]
  - text: Hover me Name
  - textbox "Name" [ref=e6]:
    - /placeholder: Your name
  - text: Email
  - textbox "Email" [ref=e7]: ada@example.com
  - checkbox "I agree" [ref=e8]
  - text: I agree
  - combobox [ref=e9]:
    - option "Red" [selected]
    - option "Green"
    - option "Blue"
  - listbox [ref=e10]:
    - option "A" [ref=e11]
    - option "B" [ref=e12]
    - option "C" [ref=e13]
  - button "Choose File" [ref=e14]
  - textbox [ref=e15]
  - button "Submit" [ref=e16]
  - button "Disabled" [ref=e17] [disabled]
  - img "Logo"
  - text: Has a title Test id box
  - button "Dup" [ref=e18]
  - button "Dup" [ref=e19]
  - button "Alert" [ref=e20]
  - button "Prompt" [ref=e21]
  - button "Boom" [ref=e22]
  - button "Log" [ref=e23]
  - text: bold and italic Styled Drag Drop Scroll area
  - iframe
  - paragraph: Bottom of the page
`;

/** `snapshot -s #form`: the form's elements keep the numbers they have in the full tree. */
export const FORM = `- text: Name
- textbox "Name" [ref=e6]:
  - /placeholder: Your name
- text: Email
- textbox "Email" [ref=e7]: ada@example.com
- checkbox "I agree" [ref=e8]
- text: I agree
- combobox [ref=e9]:
  - option "Red" [selected]
  - option "Green"
  - option "Blue"
- listbox [ref=e10]:
  - option "A" [ref=e11]
  - option "B" [ref=e12]
  - option "C" [ref=e13]
- button "Choose File" [ref=e14]
- textbox [ref=e15]
- button "Submit" [ref=e16]
- button "Disabled" [ref=e17] [disabled]
`;

/** `snapshot -i -c -d 3` (-c and -d do not apply to -i). */
export const INTERACTIVE_COMPACT = `- link "Second page" [ref=e2]
- link "Download file" [ref=e3]
- button "Click me" [ref=e4]
- button "Double me" [ref=e5]
- textbox "Name" [ref=e6]
- textbox "Email" [ref=e7]
- checkbox "I agree" [ref=e8]
- combobox [ref=e9]
- listbox [ref=e10]
- option "A" [ref=e11]
- option "B" [ref=e12]
- option "C" [ref=e13]
- button "Choose File" [ref=e14]
- textbox [ref=e15]
- button "Submit" [ref=e16]
- button "Disabled" [ref=e17] [disabled]
- button "Dup" [ref=e18]
- button "Dup" [ref=e19]
- button "Alert" [ref=e20]
- button "Prompt" [ref=e21]
- button "Boom" [ref=e22]
- button "Log" [ref=e23]
`;

/** `snapshot -i -C` (0.19): the interactive tree, then the cursor-interactive elements. */
export const INTERACTIVE_CURSOR = `- link "Second page" [ref=e2]
- link "Download file" [ref=e3]
- button "Click me" [ref=e4]
- button "Double me" [ref=e5]
- textbox "Name" [ref=e6]
- textbox "Email" [ref=e7]
- checkbox "I agree" [ref=e8]
- combobox [ref=e9]
- listbox [ref=e10]
- option "A" [ref=e11]
- option "B" [ref=e12]
- option "C" [ref=e13]
- button "Choose File" [ref=e14]
- textbox [ref=e15]
- button "Submit" [ref=e16]
- button "Disabled" [ref=e17] [disabled]
- button "Dup" [ref=e18]
- button "Dup" [ref=e19]
- button "Alert" [ref=e20]
- button "Prompt" [ref=e21]
- button "Boom" [ref=e22]
- button "Log" [ref=e23]
# Cursor-interactive elements:
- clickable "Test id box" [ref=e24] [onclick]
`;

/** `--json snapshot -s #form`: data also carries `origin` (as 0.19 sends it) and names unnamed refs "". */
export const FORM_JSON = `{"success":true,"data":{"origin":"{{URL}}/compat/index.html","refs":{"e10":{"name":"","role":"listbox"},"e11":{"name":"A","role":"option"},"e12":{"name":"B","role":"option"},"e13":{"name":"C","role":"option"},"e14":{"name":"Choose File","role":"button"},"e15":{"name":"","role":"textbox"},"e16":{"name":"Submit","role":"button"},"e17":{"name":"Disabled","role":"button"},"e6":{"name":"Name","role":"textbox"},"e7":{"name":"Email","role":"textbox"},"e8":{"name":"I agree","role":"checkbox"},"e9":{"name":"","role":"combobox"}},"snapshot":"- text: Name\\n- textbox \\"Name\\" [ref=e6]:\\n  - /placeholder: Your name\\n- text: Email\\n- textbox \\"Email\\" [ref=e7]: ada@example.com\\n- checkbox \\"I agree\\" [ref=e8]\\n- text: I agree\\n- combobox [ref=e9]:\\n  - option \\"Red\\" [selected]\\n  - option \\"Green\\"\\n  - option \\"Blue\\"\\n- listbox [ref=e10]:\\n  - option \\"A\\" [ref=e11]\\n  - option \\"B\\" [ref=e12]\\n  - option \\"C\\" [ref=e13]\\n- button \\"Choose File\\" [ref=e14]\\n- textbox [ref=e15]\\n- button \\"Submit\\" [ref=e16]\\n- button \\"Disabled\\" [ref=e17] [disabled]"},"error":null}
`;
